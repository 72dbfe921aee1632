package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;

/**
 * No task is lost or stuck on AWS: the poller's sweep settles a task left IN_PROGRESS past its time whose execution
 * ended, and the consumer starts a task again whose execution ended before it was marked.
 */
@Timeout(300)
class DeployedRecoveryIT extends TasksAsDeployed {

    private static final String TASK_FAILED = "dev.tasksservice.domain.TaskAttemptFailedException";

    @Test
    void aTaskWhoseExecutionEndedWithoutRecordingItIsStartedAgainByTheSweepAndRuns() throws Exception {
        JsonNode task = stuckAfterItsFailureWasNotRecorded();

        JsonNode poll = rule.fire();

        assertThat(poll.get("redriven").asInt()).as("%s", poll).isPositive();
        JsonNode done = await(
                task,
                Duration.ofSeconds(20),
                current -> "COMPLETED".equals(current.get("status").asString()));
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        assertThat(execution(task.get("id").asString() + "-a1"))
                .as("the new execution")
                .isNotNull();
    }

    @Test
    void aStuckTaskWithItsAttemptsUsedUpIsMarkedFailedSayingWhy() throws Exception {
        JsonNode task = stuckWithItsAttemptsUsedUp();

        rule.fire();

        JsonNode failed = get(task);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("after 3 attempt(s)");
    }

    @Test
    void aRedeliveredTaskWhoseExecutionHadEndedIsStartedUnderANewName() throws Exception {
        JsonNode task = redeliveredAfterItsExecutionEnded();
        String id = task.get("id").asString();

        assertThat(get(task).get("status").asString()).isEqualTo("IN_PROGRESS");
        JsonNode again = execution(id + "-a1");
        assertThat(again).as("the new execution").isNotNull();
        assertThat(again.get("status").asString()).isEqualTo("RUNNING");
        assertThat(api.send("DELETE", task.get("location").asString(), null).status())
                .isEqualTo(200);
    }

    /** Every attempt failed and recording FAILED failed too: the execution ended, the task is still IN_PROGRESS. */
    JsonNode stuckAfterItsFailureWasNotRecorded() throws InterruptedException {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deployment.stepFunctions().injectFault(executorArn(), id, TASK_FAILED, "{\"errorMessage\":\"down\"}", 3);
        deployment.stepFunctions().injectFault(executorArn(), id, "ServiceUnavailable", "table unreachable", 3);
        deliverUntil(id);
        assertThat(awaitExecutionEnd(id, Duration.ofSeconds(40)).get("status").asString())
                .isEqualTo("FAILED");
        makeOverdue(id, Duration.ofMinutes(10));
        return task;
    }

    /** Three attempts claimed, then the execution was stopped by hand: nothing will record the task's end. */
    JsonNode stuckWithItsAttemptsUsedUp() {
        JsonNode task = schedule("{\"seconds\":600}");
        String id = task.get("id").asString();
        makeDueForPickUp(id);
        rule.fire();
        deliverUntil(id);
        try (SfnClient sfn = stepFunctionsClient()) {
            sfn.stopExecution(request -> request.executionArn(executionArnOf(id)));
        }
        update(id, "SET attempts = :three", Map.of(":three", AttributeValue.fromN("3")));
        makeOverdue(id, Duration.ofMinutes(10));
        return task;
    }

    /**
     * The consumer started the execution and crashed before marking the task; the execution ended meanwhile. SQS
     * delivers the message again.
     */
    JsonNode redeliveredAfterItsExecutionEnded() {
        JsonNode task = schedule("{\"seconds\":600}");
        String id = task.get("id").asString();
        try (SfnClient sfn = stepFunctionsClient()) {
            sfn.startExecution(request -> request.stateMachineArn(deployment.stateMachineArn())
                    .name(id)
                    .input("{\"id\":\"" + id + "\",\"timestamp\":\""
                            + task.get("timestamp").asString() + "\",\"attempt\":1}"));
            sfn.stopExecution(request -> request.executionArn(executionArnOf(id)));
        }
        makeDueForPickUp(id);
        rule.fire();
        deliverUntil(id);
        return task;
    }

    private String executionArnOf(String name) {
        return deployment.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
