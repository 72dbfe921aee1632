package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * No task is lost or stuck on AWS: the poller's sweep settles a task left IN_PROGRESS past its time whose execution
 * ended, and the consumer starts a task again whose execution ended before it was marked.
 */
@Timeout(300)
class DeployedRecoveryIT extends TasksAsDeployed {

    @Test
    void aTaskWhoseExecutorFailedIsStartedAgainByTheSweepAndRuns() throws Exception {
        JsonNode task = stuckAfterItsExecutorFailed();

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
        assertThat(failed.get("error").asString()).contains("after " + USED_UP + " attempt(s)");
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
}
