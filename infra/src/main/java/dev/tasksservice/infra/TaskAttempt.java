package dev.tasksservice.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.TaskStateBase;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The states of one attempt, the same in both workflows: wait until the attempt's instant ({@code $.timestamp}), call
 * the executor for it, and act on its answer: nothing more ({@code COMPLETED}, {@code SKIPPED}), the end
 * ({@code FAILED}), or another attempt ({@code RETRY} with {@code retryAt} and {@code nextAttempt}), which each
 * workflow runs its own way. Each workflow builds its own copy: a state belongs to one state machine.
 *
 * <p>The attempt number lives in the execution's data, not in {@code $$.State.RetryCount}: a retry after a Lambda
 * platform error (throttling, service trouble) invokes the same attempt again, which the executor's claim refuses to
 * run twice, and uses up none of the task's attempts. An execution whose executor could not be invoked, or threw
 * (it ran the attempt but could not record it), fails visibly, and the poller's sweep finds the task IN_PROGRESS past
 * its time and settles it.
 */
final class TaskAttempt {

    static final String WAIT = "WaitUntilDue";
    static final String EXECUTE = "ExecuteTask";
    static final String AFTER_ATTEMPT = "AfterAttempt";
    static final String FAILED = "TaskFailed";
    static final String EXECUTOR_UNAVAILABLE = "ExecutorUnavailable";
    static final String EXECUTOR_FAILED = "ExecutorFailed";
    static final String DONE = "TaskDone";

    /** The error of an execution whose task ended FAILED; its cause is the task's last error. */
    static final String TASK_FAILED_ERROR = "TaskFailed";

    /** The executor's answers the definition acts on (see the executor's {@code TaskExecutor.Result}). */
    static final String RETRY = "RETRY";

    static final String FAILED_STATUS = "FAILED";

    private final Construct scope;
    private final Wait waitUntilDue;
    private final LambdaInvoke execute;

    /** The states, made under {@code scope}, that call {@code executor}. */
    TaskAttempt(Construct scope, IFunction executor) {
        this.scope = scope;
        waitUntilDue = Wait.Builder.create(scope, WAIT)
                .comment(
                        "Step Functions drops the milliseconds of the timestamp; the executor sleeps out the rest, so a task"
                                + " never runs early")
                .time(WaitTime.timestampPath("$.timestamp"))
                .build();

        execute = LambdaInvoke.Builder.create(scope, EXECUTE)
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
        Fail executorUnavailable = Fail.Builder.create(scope, EXECUTOR_UNAVAILABLE)
                .comment("The executor could not be invoked; the poller's sweep starts the task again")
                .errorPath("$.failure.Error")
                .causePath("$.failure.Cause")
                .build();
        // The executor threw: it could not record what became of the attempt (TaskNotRecorded), or failed before
        // claiming it. The task stays IN_PROGRESS, and the poller's sweep settles it.
        Fail executorFailed = Fail.Builder.create(scope, EXECUTOR_FAILED)
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
    }

    /** The first state, which a later attempt of the same execution goes back to. */
    Wait waitUntilDue() {
        return waitUntilDue;
    }

    /** The whole attempt, whose {@code RETRY} answer goes on to {@code onRetry}. */
    IChainable then(IChainable onRetry) {
        return waitUntilDue.next(execute).next(afterAttempt(onRetry));
    }

    /**
     * The whole attempt with {@code beforeExecute} between the wait and the executor, which runs whatever becomes of
     * it; the {@code RETRY} answer goes on to {@code onRetry}.
     */
    IChainable then(TaskStateBase beforeExecute, IChainable onRetry) {
        beforeExecute.addCatch(
                execute,
                CatchProps.builder()
                        .errors(List.of(Errors.ALL))
                        .resultPath(JsonPath.DISCARD)
                        .build());
        return waitUntilDue.next(beforeExecute).next(execute).next(afterAttempt(onRetry));
    }

    private Choice afterAttempt(IChainable onRetry) {
        // The execution fails with the task's last error, so the console shows why.
        Fail failed = Fail.Builder.create(scope, FAILED)
                .error(TASK_FAILED_ERROR)
                .causePath("$.result.error")
                .build();
        return Choice.Builder.create(scope, AFTER_ATTEMPT)
                .comment("The executor answers what follows, as the task's retry policy says")
                .build()
                .when(Condition.stringEquals("$.result.status", RETRY), onRetry)
                .when(Condition.stringEquals("$.result.status", FAILED_STATUS), failed)
                .otherwise(new Succeed(scope, DONE));
    }

    /** The input of the attempt {@code $.result.nextAttempt} at {@code $.result.retryAt}, as the executor answered. */
    static Map<String, Object> nextAttemptInput() {
        return inOrder(
                "id", JsonPath.stringAt("$.id"),
                "timestamp", JsonPath.stringAt("$.result.retryAt"),
                "attempt", JsonPath.numberAt("$.result.nextAttempt"),
                "version", JsonPath.numberAt("$.version"));
    }

    /**
     * A map that keeps the order given. {@code Map.of} iterates in an order that changes from one JVM to the next,
     * which would change the definition, and so update the state machine, on every deployment.
     */
    static Map<String, Object> inOrder(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
