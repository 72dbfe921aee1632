package dev.tasksservice.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IntegrationPattern;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.amazon.awscdk.services.stepfunctions.tasks.StepFunctionsStartExecution;
import software.constructs.Construct;

/**
 * The Express workflow: the first attempt of a task that the consumer starts at most a minute before its time (see
 * the runtime's {@code ExpressFirstRun}), for a fraction of what the Standard workflow bills. Started with the input of
 * the Standard one plus {@code "run"}, the name of the task's first run ({@code <id>} or {@code <id>-v<n>}), it waits
 * for the timestamp, has a small function wait out its milliseconds ({@link MillisecondWait}), and runs the attempt as
 * the Standard workflow does ({@link TaskAttempt}). An Express execution
 * lives at most five minutes, so a retry, which may wait hours, is handed over to the Standard workflow: an execution
 * named {@code <run>-a<nextAttempt>} with the input {@code {"id", "timestamp": retryAt, "attempt": nextAttempt,
 * "version"}}, the very name and input of the poller's re-drive, so the sweep finds it under that name. Express runs
 * at least once: a hand-over that finds its execution already started (by an earlier run of the same hand-over) has
 * nothing left to do.
 *
 * <p>No execution log: Step Functions can write one only with log-delivery permissions on every resource, which no
 * role of the stack has. What an execution did is in the executor's log and the task's history, and its failures and
 * time-outs raise alarms ({@link TasksMonitoring}).
 */
public class ExpressTaskStateMachine extends Construct {

    public static final String WAIT_OUT_MILLIS = "WaitOutMilliseconds";
    public static final String HAND_OVER = "HandOverRetry";
    public static final String HANDED_OVER = "RetryHandedOver";

    /** The error StartExecution answers for a name already used, as the service integration names it. */
    static final String ALREADY_STARTED = "StepFunctions.ExecutionAlreadyExistsException";

    /** A failing StartExecution (throttled, service trouble) is tried again, spread out, within the five minutes. */
    private static final RetryProps HAND_OVER_RETRY = RetryProps.builder()
            .errors(List.of("States.ALL"))
            .maxAttempts(4)
            .interval(Duration.seconds(1))
            .backoffRate(2.0)
            .jitterStrategy(JitterType.FULL)
            .build();

    private final StateMachine stateMachine;
    private final MillisecondWait millisecondWait;

    public ExpressTaskStateMachine(
            Construct scope, String id, ResourceNames names, IFunction executor, TaskStateMachine standard) {
        super(scope, id);
        TaskAttempt attempt = new TaskAttempt(this, executor);
        millisecondWait = new MillisecondWait(this, "MillisecondWait", names);
        // The milliseconds the Wait state drops, waited out at 128 MB rather than in the 1,024 MB executor. Should the
        // function fail, the executor runs all the same and sleeps them itself.
        LambdaInvoke waitOutMillis = LambdaInvoke.Builder.create(this, WAIT_OUT_MILLIS)
                .comment("Waits until shortly before the timestamp; the executor sleeps the rest, never early")
                .lambdaFunction(millisecondWait.function())
                .payload(TaskInput.fromObject(TaskAttempt.inOrder("timestamp", JsonPath.stringAt("$.timestamp"))))
                .retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD)
                .build();
        StepFunctionsStartExecution handOver = StepFunctionsStartExecution.Builder.create(this, HAND_OVER)
                .comment("The retry runs in the Standard workflow, named as the poller's re-drive of that attempt")
                .stateMachine(standard.stateMachine())
                .integrationPattern(IntegrationPattern.REQUEST_RESPONSE)
                .name(JsonPath.format("{}-a{}", JsonPath.stringAt("$.run"), JsonPath.stringAt("$.result.nextAttempt")))
                .input(TaskInput.fromObject(TaskAttempt.nextAttemptInput()))
                .resultPath(JsonPath.DISCARD)
                .build();
        Succeed handedOver = new Succeed(this, HANDED_OVER);
        // Not retried: the execution exists, which is what the hand-over wants.
        handOver.addRetry(RetryProps.builder()
                .errors(List.of(ALREADY_STARTED))
                .maxAttempts(0)
                .build());
        handOver.addRetry(HAND_OVER_RETRY);
        handOver.addCatch(
                handedOver,
                CatchProps.builder()
                        .errors(List.of(ALREADY_STARTED))
                        .resultPath(JsonPath.DISCARD)
                        .build());

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.expressStateMachine())
                .stateMachineType(StateMachineType.EXPRESS)
                .definitionBody(DefinitionBody.fromChainable(attempt.then(waitOutMillis, handOver.next(handedOver))))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The function that waits out the milliseconds before the executor. */
    public MillisecondWait millisecondWait() {
        return millisecondWait;
    }

    /** Lets {@code grantee} start executions of this state machine. */
    public void grantStartExecution(IGrantable grantee) {
        stateMachine.grantStartExecution(grantee);
    }
}
