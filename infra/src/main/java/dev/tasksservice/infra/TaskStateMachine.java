package dev.tasksservice.infra;

import java.util.List;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The Standard workflow: one execution per run of a task version, started with {@code {"id", "timestamp", "attempt",
 * "version"}}, that runs attempts ({@link TaskAttempt}) until the executor answers that none follows. A retry waits
 * for the instant the executor answered ({@code retryAt}), however far ahead, in the same execution. It runs what the
 * Express workflow ({@link ExpressTaskStateMachine}) does not: a run started more than a minute before its time, a
 * re-drive by the poller's sweep, and every attempt after a first one that ran in the Express workflow. The
 * definition holds no policy of its own: the executor answers what comes next, as the task's own retry policy says.
 */
public class TaskStateMachine extends Construct {

    public static final String NEXT_ATTEMPT = "NextAttempt";

    private final StateMachine stateMachine;
    private final String stateMachineName;

    public TaskStateMachine(Construct scope, String id, ResourceNames names, IFunction executor) {
        super(scope, id);
        stateMachineName = names.stateMachine();
        TaskAttempt attempt = new TaskAttempt(this, executor);
        // The next attempt waits for the instant the executor answered, as the first waited for the timestamp.
        Pass nextAttempt = Pass.Builder.create(this, NEXT_ATTEMPT)
                .parameters(TaskAttempt.nextAttemptInput())
                .build();

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.stateMachine())
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(attempt.then(nextAttempt.next(attempt.waitUntilDue()))))
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
}
