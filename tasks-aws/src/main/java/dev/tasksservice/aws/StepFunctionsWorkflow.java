package dev.tasksservice.aws;

import dev.tasksservice.domain.Task;
import dev.tasksservice.domain.TaskWorkflow;
import dev.tasksservice.domain.Timestamps;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * One Step Functions execution per task, named by the task id, so that a task can have at most one execution and a
 * second start (a message received twice) does nothing.
 */
public class StepFunctionsWorkflow implements TaskWorkflow {

    /** The error a cancelled execution stops with, as the execution history shows it. */
    public static final String CANCELLED_ERROR = "TaskCancelled";

    public static final String CANCELLED_CAUSE = "cancelled by the client";

    private final SfnClient sfn;
    private final StateMachineArn stateMachine;

    /** Throws {@link IllegalArgumentException} if {@code stateMachineArn} is not a state machine ARN. */
    public StepFunctionsWorkflow(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachine = new StateMachineArn(stateMachineArn);
    }

    @Override
    public void start(Task task) {
        try {
            sfn.startExecution(request -> request.stateMachineArn(stateMachine.value())
                    .name(task.id().toString())
                    .input(input(task)));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // The name is the task id: this task's execution exists, running or finished, so it was started.
        }
    }

    @Override
    public void stop(UUID taskId) {
        try {
            sfn.stopExecution(request -> request.executionArn(executionArn(taskId))
                    .error(CANCELLED_ERROR)
                    .cause(CANCELLED_CAUSE));
        } catch (ExecutionDoesNotExistException neverStarted) {
            // Nothing runs for this task, which is what stopping wants.
        }
    }

    /** The ARN of the execution of task {@code taskId}. */
    public String executionArn(UUID taskId) {
        return stateMachine.executionArn(taskId.toString());
    }

    /**
     * The execution's input: the state machine waits until {@code timestamp}, then runs task {@code id} from attempt
     * number {@code attempt} on (the next one not yet claimed).
     */
    static String input(Task task) {
        return "{\"id\":" + Json.string(task.id().toString()) + ",\"timestamp\":"
                + Json.string(Timestamps.format(task.timestamp())) + ",\"attempt\":" + (task.attempts() + 1) + "}";
    }
}
