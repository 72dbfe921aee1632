package dev.tasksservice.domain;

import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;

/**
 * The workflow contract's promises about runs against the fake of the domain tests, which keeps runs as Step
 * Functions does (an ended run is CLOSED). It runs no executor: the domain tests end its runs themselves.
 */
class RecordingWorkflowTest extends TaskWorkflowContract {

    @Override
    protected TaskWorkflow newWorkflow() {
        return new RecordingWorkflow();
    }

    @Override
    protected WorkflowState endedState() {
        return WorkflowState.CLOSED;
    }
}
