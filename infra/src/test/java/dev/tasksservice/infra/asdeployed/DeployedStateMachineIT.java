package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.infra.StepFunctionsRetry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The state machine's definition from the template, run by an Amazon States Language interpreter whose Lambda tasks
 * invoke the executor's real handler from its jar. Faults are injected where AWS would raise them: at the Lambda
 * invocation, for one execution only.
 */
@Timeout(300)
class DeployedStateMachineIT extends TasksAsDeployed {

    private static final String TASK_FAILED = "dev.tasksservice.domain.TaskAttemptFailedException";
    private static final String TASK_FAILED_CAUSE = "{\"errorMessage\":\"IllegalStateException: endpoint down\","
            + "\"errorType\":\"" + TASK_FAILED + "\",\"stackTrace\":[]}";

    @Test
    void aTimestampWithMillisecondsWaitsTheTruncatedSecondAndTheExecutorWaitsOutTheRest() throws Exception {
        Instant due =
                Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).plusMillis(700);
        JsonNode task = schedule("{\"timestamp\":\"" + due + "\"}");
        deliverUntil(task.get("id").asString());

        JsonNode done = await(
                task,
                Duration.ofSeconds(20),
                current -> "COMPLETED".equals(current.get("status").asString()));

        JsonNode invoked = invocationsOf(
                        awaitExecutionEnd(task.get("id").asString(), Duration.ofSeconds(5)), "ExecuteTask")
                .getFirst();
        Instant invokedAt = Instant.parse(invoked.get("time").asString());
        // Step Functions ends the wait on the second; the executor sleeps the remaining 700 ms: never early.
        assertThat(invokedAt).isBefore(due).isAfterOrEqualTo(due.truncatedTo(ChronoUnit.SECONDS));
        assertThat(Instant.parse(done.get("executedAt").asString())).isAfterOrEqualTo(due);
    }

    @Test
    void aFailingAttemptIsRetriedAfterThePolicysPauseThenTheTaskIsMarkedFailedWithTheError() throws Exception {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deployment.stepFunctions().injectFault(executorArn(), id, TASK_FAILED, TASK_FAILED_CAUSE, 3);
        deliverUntil(id);

        JsonNode failed = await(
                task,
                Duration.ofSeconds(40),
                current -> "FAILED".equals(current.get("status").asString()));

        assertThat(failed.get("error").asString()).isEqualTo("IllegalStateException: endpoint down");
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo(TASK_FAILED);
        List<JsonNode> attempts = invocationsOf(execution, "ExecuteTask");
        assertThat(attempts)
                .extracting(attempt -> attempt.get("payload").get("attempt").asInt())
                .containsExactly(1, 2, 3);
        // The policy's pause between attempts (5 s), not less.
        assertThat(Duration.between(time(attempts.get(0)), time(attempts.get(1))))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(invocationsOf(execution, "MarkFailed")).hasSize(1);
    }

    @Test
    void lambdaPlatformErrorsAreRetriedWithoutUsingUpTheTasksAttempts() throws Exception {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        for (String error : StepFunctionsRetry.PLATFORM_ERRORS) {
            deployment.stepFunctions().injectFault(executorArn(), id, error, "injected " + error, 1);
        }
        deliverUntil(id);

        JsonNode done = await(
                task,
                Duration.ofSeconds(60),
                current -> "COMPLETED".equals(current.get("status").asString()));

        assertThat(done.get("attempts").asInt()).isEqualTo(1);
        List<JsonNode> invocations = invocationsOf(awaitExecutionEnd(id, Duration.ofSeconds(5)), "ExecuteTask");
        assertThat(invocations)
                .extracting(invocation -> invocation.get("outcome").asString())
                .containsExactlyElementsOf(outcomes(StepFunctionsRetry.PLATFORM_ERRORS, "ok"));
        assertThat(invocations)
                .allSatisfy(invocation -> assertThat(
                                invocation.get("payload").get("attempt").asInt())
                        .isEqualTo(1));
    }

    @Test
    void aBurstOfDueTasksOnAThrottledAccountRunsEveryTaskAndFailsNone() throws Exception {
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        List<JsonNode> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JsonNode task = schedule("{\"timestamp\":\"" + due + "\"}");
            deployment
                    .stepFunctions()
                    .injectFault(
                            executorArn(),
                            task.get("id").asString(),
                            "Lambda.TooManyRequestsException",
                            "Rate Exceeded.",
                            3);
            tasks.add(task);
        }
        deliverUntil(tasks.stream().map(task -> task.get("id").asString()).toList());

        for (JsonNode task : tasks) {
            JsonNode done = await(
                    task,
                    Duration.ofSeconds(60),
                    current -> !"IN_PROGRESS".equals(current.get("status").asString()));
            assertThat(done.get("status").asString()).as("%s", done).isEqualTo("COMPLETED");
            assertThat(done.get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void markFailedFailingToTheEndIsCaughtAndTheExecutionSaysSo() throws Exception {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deployment.stepFunctions().injectFault(executorArn(), id, TASK_FAILED, TASK_FAILED_CAUSE, 3);
        deployment
                .stepFunctions()
                .injectFault(executorArn(), id, "ProvisionedThroughputExceededException", "table throttled", 3);
        deliverUntil(id);

        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(40));

        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(invocationsOf(execution, "MarkFailed")).hasSize(3);
        // Not recorded yet: the poller's sweep finds it once it is overdue.
        assertThat(get(task).get("status").asString()).isEqualTo("IN_PROGRESS");
    }

    private static Instant time(JsonNode event) {
        return Instant.parse(event.get("time").asString());
    }

    private static List<String> outcomes(List<String> errors, String last) {
        List<String> outcomes = new ArrayList<>(errors);
        outcomes.add(last);
        return outcomes;
    }
}
