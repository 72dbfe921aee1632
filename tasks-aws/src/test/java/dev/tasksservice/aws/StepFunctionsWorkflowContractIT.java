package dev.tasksservice.aws;

import dev.tasksservice.domain.TaskWorkflowContract;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The workflow contract's promises about runs against {@link StepFunctionsWorkflow} on the Java server of the Step
 * Functions protocol, whose executions never reach their task (the tasks here are due an hour ahead anyway). The run
 * that reaches the executor is in infra's {@code StepFunctionsWorkflowContractIT}, on an Amazon States Language
 * interpreter running the project's state machine.
 */
class StepFunctionsWorkflowContractIT extends TaskWorkflowContract {

    private static final String STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksWorkflow-contract";

    private static final String EXPRESS_STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksExpressWorkflow-contract";

    private StepFunctionsServer server;
    private SfnClient sfn;

    @Override
    protected TaskWorkflow newWorkflow() {
        server = StepFunctionsServer.start();
        sfn = server.client();
        // As the consumer has it: the contract's tasks, due an hour ahead or retried, all run in the Standard machine.
        return new StepFunctionsWorkflow(sfn, STATE_MACHINE, EXPRESS_STATE_MACHINE, Clock.systemUTC());
    }

    @AfterEach
    void stopServer() {
        sfn.close();
        server.close();
    }

    @Override
    protected WorkflowState endedState() {
        return WorkflowState.CLOSED;
    }
}
