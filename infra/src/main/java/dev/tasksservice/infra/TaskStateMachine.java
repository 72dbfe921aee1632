package dev.tasksservice.infra;

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
 * One execution per task version, started by the consumer with {@code {"id", "timestamp", "attempt", "version"}} a
 * little before the task is due: waits until the timestamp, then calls the executor for the attempt. The executor
 * answers what comes next, as the task's own retry policy says: nothing more ({@code COMPLETED}, {@code SKIPPED}), the
 * end ({@code FAILED}), or another attempt at an instant ({@code RETRY} with {@code retryAt} and
 * {@code nextAttempt}), for which the execution waits again. The definition so holds no policy of its own.
 *
 * <p>The attempt number lives in the execution's data, not in {@code $$.State.RetryCount}: a retry after a Lambda
 * platform error (throttling, service trouble) invokes the same attempt again, which the executor's claim refuses to
 * run twice, and uses up none of the task's attempts. An execution whose executor could not be invoked, or threw
 * (it ran the attempt but could not record it), fails visibly, and the poller's sweep finds the task IN_PROGRESS past
 * its time and settles it.
 */
public class TaskStateMachine extends Construct {

    public static final String WAIT = "WaitUntilDue";
    public static final String EXECUTE = "ExecuteTask";
    public static final String AFTER_ATTEMPT = "AfterAttempt";
    public static final String NEXT_ATTEMPT = "NextAttempt";
    public static final String FAILED = "TaskFailed";
    public static final String EXECUTOR_UNAVAILABLE = "ExecutorUnavailable";
    public static final String EXECUTOR_FAILED = "ExecutorFailed";
    public static final String DONE = "TaskDone";

    /** The error of an execution whose task ended FAILED; its cause is the task's last error. */
    public static final String TASK_FAILED_ERROR = "TaskFailed";

    /** The executor's answers the definition acts on (see the executor's {@code TaskExecutor.Result}). */
    static final String RETRY = "RETRY";

    static final String FAILED_STATUS = "FAILED";

    private final StateMachine stateMachine;
    private final String stateMachineName;

    public TaskStateMachine(Construct scope, String id, ResourceNames names, IFunction executor) {
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
                        "attempt", JsonPath.numberAt("$.attempt"),
                        "version", JsonPath.numberAt("$.version"))))
                // Otherwise the CDK puts its own retry on Lambda service errors before ours.
                .retryOnServiceExceptions(false)
                // The executor's answer alone, without Lambda's envelope; it always holds every field, null or not.
                .resultSelector(inOrder(
                        "id", JsonPath.stringAt("$.Payload.id"),
                        "status", JsonPath.stringAt("$.Payload.status"),
                        "executedAt", JsonPath.objectAt("$.Payload.executedAt"),
                        "nextAttempt", JsonPath.objectAt("$.Payload.nextAttempt"),
                        "retryAt", JsonPath.objectAt("$.Payload.retryAt"),
                        "error", JsonPath.objectAt("$.Payload.error"),
                        "skippedBecause", JsonPath.objectAt("$.Payload.skippedBecause")))
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
        // The executor threw: it could not record what became of the attempt (TaskNotRecorded), or failed before
        // claiming it. The task stays IN_PROGRESS, and the poller's sweep settles it.
        Fail executorFailed = Fail.Builder.create(this, EXECUTOR_FAILED)
                .comment("The executor failed; the poller's sweep settles the task")
                .errorPath("$.failure.Error")
                .causePath("$.failure.Cause")
                .build();
        execute.addCatch(
                executorUnavailable,
                CatchProps.builder()
                        .errors(StepFunctionsRetry.PLATFORM_ERRORS)
                        .resultPath("$.failure")
                        .build());
        execute.addCatch(
                executorFailed,
                CatchProps.builder()
                        .errors(List.of(Errors.ALL))
                        .resultPath("$.failure")
                        .build());

        // The next attempt waits for the instant the executor answered, as the first waited for the timestamp.
        Pass nextAttempt = Pass.Builder.create(this, NEXT_ATTEMPT)
                .parameters(inOrder(
                        "id", JsonPath.stringAt("$.id"),
                        "timestamp", JsonPath.stringAt("$.result.retryAt"),
                        "attempt", JsonPath.numberAt("$.result.nextAttempt"),
                        "version", JsonPath.numberAt("$.version")))
                .build();

        // The execution fails with the task's last error, so the console shows why.
        Fail failed = Fail.Builder.create(this, FAILED)
                .error(TASK_FAILED_ERROR)
                .causePath("$.result.error")
                .build();

        Choice afterAttempt = Choice.Builder.create(this, AFTER_ATTEMPT)
                .comment("The executor answers what follows, as the task's retry policy says")
                .build()
                .when(Condition.stringEquals("$.result.status", RETRY), nextAttempt.next(waitUntilDue))
                .when(Condition.stringEquals("$.result.status", FAILED_STATUS), failed)
                .otherwise(new Succeed(this, DONE));

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.stateMachine())
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(
                        DefinitionBody.fromChainable(waitUntilDue.next(execute).next(afterAttempt)))
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
