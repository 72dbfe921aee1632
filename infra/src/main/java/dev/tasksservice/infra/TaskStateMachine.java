package dev.tasksservice.infra;

import dev.tasksservice.domain.RetryPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * One execution per task, started by the consumer with {@code {"id", "timestamp"}} a little before the task is due:
 * waits until the timestamp, runs the task through the executor with the task's retry policy, and has the executor mark
 * the task FAILED once every attempt failed.
 */
public class TaskStateMachine extends Construct {

    public static final String WAIT = "WaitUntilDue";
    public static final String EXECUTE = "ExecuteTask";
    public static final String MARK_FAILED = "MarkFailed";
    public static final String FAILED = "TaskFailed";
    public static final String DONE = "TaskDone";

    /**
     * Recording FAILED is idempotent (a conditional update that leaves a final task alone), so it is retried on any
     * error: a throttled table must not leave the task IN_PROGRESS.
     */
    static final RetryProps MARK_FAILED_RETRY = RetryProps.builder()
            .errors(List.of(Errors.ALL))
            .maxAttempts(5)
            .interval(Duration.seconds(2))
            .backoffRate(2.0)
            .build();

    private final StateMachine stateMachine;

    public TaskStateMachine(Construct scope, String id, ResourceNames names, IFunction executor) {
        super(scope, id);
        Wait waitUntilDue = Wait.Builder.create(this, WAIT)
                .comment(
                        "Step Functions drops the milliseconds of the timestamp; the executor sleeps out the rest, so a task"
                                + " never runs early")
                .time(WaitTime.timestampPath("$.timestamp"))
                .build();

        LambdaInvoke execute = LambdaInvoke.Builder.create(this, EXECUTE)
                .lambdaFunction(executor)
                .payload(TaskInput.fromObject(inOrder(
                        "id", JsonPath.stringAt("$.id"),
                        "timestamp", JsonPath.stringAt("$.timestamp"),
                        // 0 on the first attempt: the executor claims attempt retryCount + 1, so no attempt runs twice.
                        "retryCount", JsonPath.numberAt("$$.State.RetryCount"))))
                // Otherwise the CDK puts its own retry on Lambda service errors before ours, and a task could get
                // more attempts than the policy allows.
                .retryOnServiceExceptions(false)
                .resultSelector(Map.of("outcome", JsonPath.objectAt("$.Payload")))
                .resultPath("$.result")
                .build();
        execute.addRetry(StepFunctionsRetry.of(RetryPolicy.DEFAULT));

        LambdaInvoke markFailed = LambdaInvoke.Builder.create(this, MARK_FAILED)
                .lambdaFunction(executor)
                .payload(TaskInput.fromObject(inOrder(
                        "id", JsonPath.stringAt("$.id"),
                        "timestamp", JsonPath.stringAt("$.timestamp"),
                        "failure",
                                inOrder(
                                        "Error", JsonPath.stringAt("$.failure.Error"),
                                        "Cause", JsonPath.stringAt("$.failure.Cause")))))
                .retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD)
                .build();
        markFailed.addRetry(MARK_FAILED_RETRY);

        // The execution fails with the task's last error, so the console shows why.
        Fail failed = Fail.Builder.create(this, FAILED)
                .errorPath("$.failure.Error")
                .causePath("$.failure.Cause")
                .build();
        execute.addCatch(
                markFailed.next(failed),
                CatchProps.builder()
                        .errors(List.of(Errors.ALL))
                        .resultPath("$.failure")
                        .build());

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.stateMachine())
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(
                        DefinitionBody.fromChainable(waitUntilDue.next(execute).next(new Succeed(this, DONE))))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /**
     * A map that keeps the order given. {@code Map.of} iterates in an order that changes from one JVM to the next,
     * which would change the definition, and so update the state machine, on every deployment.
     */
    private static Map<String, Object> inOrder(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
