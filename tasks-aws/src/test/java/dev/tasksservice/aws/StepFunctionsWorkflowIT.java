package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.Task;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The workflow adapter through the AWS SDK against a server speaking the Step Functions protocol. */
class StepFunctionsWorkflowIT {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:tasksWorkflow-it";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private StepFunctionsServer server;
    private SfnClient sfn;
    private StepFunctionsWorkflow workflow;

    @BeforeEach
    void startServer() {
        server = StepFunctionsServer.start();
        sfn = server.client();
        workflow = new StepFunctionsWorkflow(sfn, STATE_MACHINE);
    }

    @AfterEach
    void stopServer() {
        sfn.close();
        server.close();
    }

    @Test
    void startsOneExecutionNamedByTheTaskWithItsIdAndTimestamp() {
        Task task = task(Instant.parse("2030-01-01T10:00:00.250Z"));

        workflow.start(task);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.target()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(call.error()).isNull();
        assertThat(call.field("stateMachineArn")).isEqualTo(STATE_MACHINE);
        assertThat(call.field("name")).isEqualTo(task.id().toString());
        String input = call.field("input");
        assertThat(input).startsWith("{").endsWith("}");
        assertThat(JsonFields.string(input, "id")).contains(task.id().toString());
        assertThat(JsonFields.string(input, "timestamp")).contains("2030-01-01T10:00:00.250Z");
    }

    @Test
    void startingTheSameTaskAgainIsNotAnError() {
        Task task = task(NOW.plusSeconds(300));
        workflow.start(task);

        workflow.start(task);

        assertThat(server.calls())
                .extracting(StepFunctionsServer.Call::error)
                .containsExactly(null, "ExecutionAlreadyExists");
    }

    @Test
    void stopsTheTasksExecutionWithTheCancelledError() {
        Task task = task(NOW.plusSeconds(300));
        workflow.start(task);

        workflow.stop(task.id());

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.target()).isEqualTo("AWSStepFunctions.StopExecution");
        assertThat(call.error()).isNull();
        assertThat(call.field("executionArn"))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:tasksWorkflow-it:" + task.id());
        assertThat(call.field("error")).isEqualTo("TaskCancelled");
        assertThat(call.field("cause")).isEqualTo("cancelled by the client");
    }

    @Test
    void stoppingATaskWithoutExecutionIsNotAnError() {
        UUID neverStarted = UUID.randomUUID();

        workflow.stop(neverStarted);

        assertThat(server.lastCall().error()).isEqualTo("ExecutionDoesNotExist");
    }

    @Test
    void otherErrorsReachTheCaller() {
        server.answerEveryCallWith("StateMachineDoesNotExist");
        Task task = task(NOW.plusSeconds(300));

        assertThatThrownBy(() -> workflow.start(task)).isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> workflow.stop(task.id())).isInstanceOf(StateMachineDoesNotExistException.class);
    }

    private static Task task(Instant timestamp) {
        return Task.scheduled(UUID.randomUUID(), timestamp, timestamp.getEpochSecond() - 120, NOW, null, null);
    }
}
