package dev.tasksservice.infra;

import dev.tasksservice.domain.model.RetryPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * One execution per task, started by the consumer with {@code {"id", "timestamp", "attempt"}} a little before the task
 * is due: waits until the timestamp, then runs the task's attempts through the executor as the task's retry policy
 * says, and has the executor mark the task FAILED once every attempt failed.
 *
 * <p>The attempt number lives in the execution's data, not in {@code $$.State.RetryCount}: a retry after a Lambda
 * platform error (throttling, service trouble) invokes the same attempt again, which the executor's claim refuses to
 * run twice, and uses up none of the task's attempts. An execution that cannot record its end fails visibly, and the
 * poller's sweep finds the task IN_PROGRESS past its time and settles it.
 */
public class TaskStateMachine extends Construct {

    public static final String WAIT = "WaitUntilDue";
    public static final String EXECUTE = "ExecuteTask";
    public static final String ATTEMPT_FAILED = "AttemptFailed";
    public static final String NEXT_ATTEMPT = "NextAttempt";
    public static final String BACK_OFF = "BackOff";
    public static final String MARK_FAILED = "MarkFailed";
    public static final String FAILED = "TaskFailed";
    public static final String EXECUTOR_UNAVAILABLE = "ExecutorUnavailable";
    public static final String FAILURE_UNRECORDED = "FailureNotRecorded";
    public static final String DONE = "TaskDone";

    private final StateMachine stateMachine;
    private final String stateMachineName;

    public TaskStateMachine(Construct scope, String id, ResourceNames names, IFunction executor) {
        this(scope, id, names, executor, RetryPolicy.DEFAULT);
    }

    public TaskStateMachine(Construct scope, String id, ResourceNames names, IFunction executor, RetryPolicy policy) {
        super(scope, id);
        stateMachineName = names.stateMachine();
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
                        "attempt", JsonPath.numberAt("$.attempt"))))
                // Otherwise the CDK puts its own retry on Lambda service errors before ours.
                .retryOnServiceExceptions(false)
                .resultSelector(Map.of("outcome", JsonPath.objectAt("$.Payload")))
                .resultPath("$.result")
                .build();
        execute.addRetry(StepFunctionsRetry.PLATFORM_RETRY);

        // Lambda still refusing after its retries: the attempt did not run. The task stays IN_PROGRESS with its
        // attempts unspent, and the poller's sweep starts it again.
        Fail executorUnavailable = Fail.Builder.create(this, EXECUTOR_UNAVAILABLE)
                .comment("The executor could not be invoked; the poller's sweep starts the task again")
                .errorPath("$.failure.Error")
                .causePath("$.failure.Cause")
                .build();

        Pass nextAttempt = Pass.Builder.create(this, NEXT_ATTEMPT)
                .parameters(inOrder(
                        "id", JsonPath.stringAt("$.id"),
                        "timestamp", JsonPath.stringAt("$.timestamp"),
                        "attempt.$", "States.MathAdd($.attempt, 1)",
                        "pauseSeconds.$", StepFunctionsRetry.pauseAfter(policy, "$.attempt")))
                .build();
        Wait backOff = Wait.Builder.create(this, BACK_OFF)
                .time(WaitTime.secondsPath("$.pauseSeconds"))
                .build();

        LambdaInvoke markFailed = LambdaInvoke.Builder.create(this, MARK_FAILED)
                .lambdaFunction(executor)
                .payload(TaskInput.fromObject(inOrder(
                        "id", JsonPath.stringAt("$.id"),
                        "timestamp", JsonPath.stringAt("$.timestamp"),
                        "attempt", JsonPath.numberAt("$.attempt"),
                        "failure",
                                inOrder(
                                        "Error", JsonPath.stringAt("$.failure.Error"),
                                        "Cause", JsonPath.stringAt("$.failure.Cause")))))
                .retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD)
                .build();
        markFailed.addRetry(StepFunctionsRetry.MARK_FAILED_RETRY);
        // Still not recorded: the execution fails saying so, and the sweep marks the task FAILED later.
        markFailed.addCatch(
                Fail.Builder.create(this, FAILURE_UNRECORDED)
                        .comment("FAILED could not be recorded; the poller's sweep settles the task")
                        .errorPath("$.markFailedError.Error")
                        .causePath("$.markFailedError.Cause")
                        .build(),
                CatchProps.builder()
                        .errors(List.of(Errors.ALL))
                        .resultPath("$.markFailedError")
                        .build());

        // The execution fails with the task's last error, so the console shows why.
        Fail failed = Fail.Builder.create(this, FAILED)
                .errorPath("$.failure.Error")
                .causePath("$.failure.Cause")
                .build();

        Choice attemptFailed = Choice.Builder.create(this, ATTEMPT_FAILED)
                .comment("Another attempt while the task's retry policy allows one")
                .build()
                .when(
                        Condition.numberLessThan("$.attempt", policy.maxAttempts()),
                        nextAttempt.next(backOff).next(execute))
                .otherwise(markFailed.next(failed));

        execute.addCatch(
                executorUnavailable,
                CatchProps.builder()
                        .errors(StepFunctionsRetry.PLATFORM_ERRORS)
                        .resultPath("$.failure")
                        .build());
        execute.addCatch(
                attemptFailed,
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

    /** Lets {@code grantee} start executions of this state machine. */
    public void grantStartExecution(IGrantable grantee) {
        stateMachine.grantStartExecution(grantee);
    }

    /**
     * Lets {@code grantee} call {@code actions} (such as {@code states:StopExecution}) on the executions of this state
     * machine, and on nothing else.
     */
    public void grantOnExecutions(IGrantable grantee, String... actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(List.of(executionsArn()))
                        .build());
    }

    /**
     * {@code arn:...:states:{region}:{account}:execution:tasksStateMachine-{stage}:*}: every execution of this stage's
     * state machine. Built from the name, which the stack fixes, rather than split out of the ARN.
     */
    private String executionsArn() {
        return Arn.format(
                ArnComponents.builder()
                        .service("states")
                        .resource("execution")
                        .resourceName(stateMachineName + ":*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build(),
                Stack.of(this));
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
