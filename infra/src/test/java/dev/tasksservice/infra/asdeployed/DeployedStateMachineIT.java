package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.infra.StepFunctionsRetry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;

/**
 * The state machines' definitions from the template, run by an Amazon States Language interpreter whose Lambda tasks
 * invoke the executor's real handler from its jar, which delivers each task to a receiver on loopback. What the
 * receiver answers decides what follows, as the task's retry policy says; the definitions only do what the executor
 * answers. The tasks here are due within seconds, so the consumer starts their first attempt in the Express machine,
 * which hands a retry over to the Standard one. Faults are injected where AWS would raise them: at the Lambda
 * invocation, for one execution only.
 */
@Timeout(300)
class DeployedStateMachineIT extends TasksAsDeployed {

    @Test
    void aTimestampWithMillisecondsWaitsTheTruncatedSecondTheMillisecondWaitMostOfTheRestAndTheExecutorTheEnd()
            throws Exception {
        Instant due =
                Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS).plusMillis(700);
        JsonNode task = schedule("{\"timestamp\":\"" + due + "\"}");
        deliverUntil(task.get("id").asString());

        JsonNode done = await(
                task,
                Duration.ofSeconds(20),
                current -> "COMPLETED".equals(current.get("status").asString()));

        JsonNode execution = awaitExecutionEnd(task.get("id").asString(), Duration.ofSeconds(5));
        Instant waitedFrom = Instant.parse(invocationsOf(execution, "WaitOutMilliseconds")
                .getFirst()
                .get("time")
                .asString());
        JsonNode invoked = invocationsOf(execution, "ExecuteTask").getFirst();
        Instant invokedAt = Instant.parse(invoked.get("time").asString());
        // Step Functions ends the wait on the second; the millisecond wait (Node.js, 128 MB) returns 100 ms before the
        // time, and the executor sleeps what is left: never early.
        assertThat(waitedFrom).isBefore(due.minusMillis(500)).isAfterOrEqualTo(due.truncatedTo(ChronoUnit.SECONDS));
        assertThat(invokedAt).isBefore(due).isAfterOrEqualTo(due.minusMillis(100));
        assertThat(Instant.parse(done.get("executedAt").asString())).isAfterOrEqualTo(due);
    }

    @Test
    void aTaskIsDeliveredToItsWebhookOnTimeSignedWithTheStagesSecret() throws Exception {
        String path = "/signed-" + UUID.randomUUID();
        JsonNode task = schedule("{\"seconds\":2,\"payload\":{\"orderId\":42},\"target\":{\"type\":\"http\",\"url\":\""
                + RECEIVER.url(path, 200) + "\"}}");
        String id = task.get("id").asString();
        deliverUntil(id);

        JsonNode done = await(
                task,
                Duration.ofSeconds(30),
                current -> "COMPLETED".equals(current.get("status").asString()));

        List<WebhookReceiver.Request> requests = RECEIVER.requests(path);
        assertThat(requests).hasSize(1);
        WebhookReceiver.Request request = requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"orderId\":42}"));
        assertThat(request.receivedAt())
                .isAfterOrEqualTo(Instant.parse(done.get("timestamp").asString()));
        assertThat(StandardWebhooks.verifies(
                        deployment.webhookSecret(),
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.body(),
                        request.header("webhook-signature")))
                .as("signed with the secret in Secrets Manager: %s", request.headers())
                .isTrue();
        assertThat(StandardWebhooks.verifies(
                        "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                        request.header("webhook-id"),
                        request.header("webhook-timestamp"),
                        request.body(),
                        request.header("webhook-signature")))
                .as("another secret's signature")
                .isFalse();
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(execution.get("stateMachineArn").asString()).isEqualTo(deployment.expressStateMachineArn());
        assertThat(statesEntered(execution))
                .containsExactly("WaitUntilDue", "WaitOutMilliseconds", "ExecuteTask", "AfterAttempt", "TaskDone");
        assertThat(executionsOf(id)).hasSize(1);
    }

    @Test
    void aReceiverThatFailsOnceGetsTheNextAttemptNoEarlierThanTheExecutorSaidAfterAnotherWait() throws Exception {
        String path = "/unavailable-once-" + UUID.randomUUID();
        JsonNode task = failingOnceAt(path, 1500);
        String id = task.get("id").asString();
        deliverUntil(id);

        JsonNode done = await(
                task,
                Duration.ofSeconds(40),
                current -> "COMPLETED".equals(current.get("status").asString()));

        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        List<JsonNode> attempts = attempts(task);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(503);
        assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(200);
        Instant nextAttemptAt =
                Instant.parse(attempts.get(0).get("nextAttemptAt").asString());
        List<WebhookReceiver.Request> requests = RECEIVER.requests(path);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).receivedAt()).isAfterOrEqualTo(nextAttemptAt);

        // The first attempt ran in the Express machine, which handed the retry over to the Standard one under the
        // name of the poller's re-drive of attempt 2.
        JsonNode first = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(first.get("stateMachineArn").asString()).isEqualTo(deployment.expressStateMachineArn());
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statesEntered(first))
                .containsExactly(
                        "WaitUntilDue",
                        "WaitOutMilliseconds",
                        "ExecuteTask",
                        "AfterAttempt",
                        "HandOverRetry",
                        "RetryHandedOver");
        assertThat(invocationsOf(first, "ExecuteTask"))
                .extracting(
                        invocation -> invocation.get("payload").get("attempt").asInt())
                .containsExactly(1);
        JsonNode retry = awaitExecutionEnd(id + "-a2", Duration.ofSeconds(10));
        assertThat(retry.get("stateMachineArn").asString()).isEqualTo(deployment.stateMachineArn());
        assertThat(retry.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statesEntered(retry)).containsExactly("WaitUntilDue", "ExecuteTask", "AfterAttempt", "TaskDone");
        List<JsonNode> invocations = invocationsOf(retry, "ExecuteTask");
        assertThat(invocations)
                .extracting(
                        invocation -> invocation.get("payload").get("attempt").asInt())
                .containsExactly(2);
        // The second wait was for the instant the executor answered, which the task records as its next attempt.
        assertThat(Instant.parse(
                        invocations.getFirst().get("payload").get("timestamp").asString()))
                .isEqualTo(nextAttemptAt);
        assertThat(executionsOf(id)).hasSize(2);
    }

    @Test
    void aReceiverThatRefusesTheTaskFailsItAfterOneAttemptAndTheExecutionSaysWhy() throws Exception {
        String path = "/refuses-" + UUID.randomUUID();
        JsonNode task =
                schedule("{\"seconds\":1,\"target\":{\"type\":\"http\",\"url\":\"" + RECEIVER.url(path, 400) + "\"}}");
        String id = task.get("id").asString();
        deliverUntil(id);

        JsonNode failed = await(
                task,
                Duration.ofSeconds(30),
                current -> "FAILED".equals(current.get("status").asString()));

        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(RECEIVER.requests(path)).hasSize(1);
        List<JsonNode> attempts = attempts(task);
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.get("outcome").asString()).isEqualTo("REFUSED");
            assertThat(attempt.get("httpStatus").asInt()).isEqualTo(400);
        });
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo("TaskFailed");
        assertThat(execution.get("cause").asString())
                .isEqualTo(failed.get("error").asString());
        assertThat(invocationsOf(execution, "ExecuteTask")).hasSize(1);
    }

    @Test
    void aTaskWhoseReceiverKeepsFailingIsAttemptedAsItsRetryPolicySaysThenFailed() throws Exception {
        String path = "/failing-" + UUID.randomUUID();
        JsonNode task = schedule("{\"seconds\":1,\"target\":{\"type\":\"http\",\"url\":\"" + RECEIVER.url(path, 500)
                + "\"},\"retry\":{\"maxAttempts\":3,\"initialBackoffMs\":200}}");
        String id = task.get("id").asString();
        deliverUntil(id);

        JsonNode failed = await(
                task,
                Duration.ofSeconds(40),
                current -> "FAILED".equals(current.get("status").asString()));

        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("error").asString()).contains("after 3 attempt(s)");
        assertThat(RECEIVER.requests(path)).hasSize(3);
        assertThat(attempts(task))
                .extracting(attempt -> attempt.get("httpStatus").asInt())
                .containsExactly(500, 500, 500);
        assertThat(awaitExecutionEnd(id, Duration.ofSeconds(10)).get("status").asString())
                .as("the Express execution, which handed the retries over")
                .isEqualTo("SUCCEEDED");
        JsonNode execution = awaitExecutionEnd(id + "-a2", Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo("TaskFailed");
        assertThat(invocationsOf(execution, "ExecuteTask"))
                .extracting(
                        invocation -> invocation.get("payload").get("attempt").asInt())
                .containsExactly(2, 3);
        assertThat(statesEntered(execution)).filteredOn("WaitUntilDue"::equals).hasSize(2);
    }

    @Test
    void aHandOverThatFindsTheRetryStartedAlreadyEndsTheExpressExecutionAsHandedOver() throws Exception {
        String path = "/handed-over-twice-" + UUID.randomUUID();
        JsonNode task = failingOnceAt(path, 200);
        String id = task.get("id").asString();
        // An earlier run of the same hand-over (Express runs at least once) started the retry, with its own instant.
        Instant secondAttempt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        try (SfnClient sfn = stepFunctionsClient()) {
            sfn.startExecution(request -> request.stateMachineArn(deployment.stateMachineArn())
                    .name(id + "-a2")
                    .input("{\"id\":\"" + id + "\",\"timestamp\":\"" + secondAttempt
                            + "\",\"attempt\":2,\"version\":0}"));
        }
        deliverUntil(id);

        JsonNode first = awaitExecutionEnd(id, Duration.ofSeconds(20));
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statesEntered(first)).endsWith("HandOverRetry", "RetryHandedOver");
        assertThat(first.get("events")
                        .valueStream()
                        .filter(event ->
                                "StartExecutionCalled".equals(event.get("type").asString()))
                        .map(event -> event.get("outcome").asString()))
                .containsExactly("StepFunctions.ExecutionAlreadyExistsException");

        JsonNode done = await(
                task,
                Duration.ofSeconds(30),
                current -> "COMPLETED".equals(current.get("status").asString()));
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(RECEIVER.requests(path)).hasSize(2);
        assertThat(RECEIVER.requests(path).get(1).receivedAt()).isAfterOrEqualTo(secondAttempt);
        assertThat(executionsOf(id)).hasSize(2);
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
    void anExecutorThatFailsEndsTheExecutionAndLeavesTheTaskInProgressForTheSweep() throws Exception {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deployment
                .stepFunctions()
                .injectFault(executorArn(), id, TASK_NOT_RECORDED, "{\"errorMessage\":\"table unreachable\"}", 1);
        deliverUntil(id);

        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(30));

        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo(TASK_NOT_RECORDED);
        assertThat(statesEntered(execution)).endsWith("ExecuteTask", "ExecutorFailed");
        // Not settled yet: the poller's sweep finds it once it is overdue.
        assertThat(get(task).get("status").asString()).isEqualTo("IN_PROGRESS");
    }

    /** A task due in a second whose receiver at {@code path} answers 503, then 200; its retries back off from {@code initialBackoffMs}. */
    private JsonNode failingOnceAt(String path, int initialBackoffMs) {
        return schedule("{\"seconds\":1,\"target\":{\"type\":\"http\",\"url\":\"" + RECEIVER.url(path, 503, 200)
                + "\"},\"retry\":{\"maxAttempts\":3,\"initialBackoffMs\":" + initialBackoffMs + "}}");
    }

    /** The states the execution entered, in order. */
    private static List<String> statesEntered(JsonNode execution) {
        List<String> states = new ArrayList<>();
        execution.get("events").forEach(event -> {
            if ("StateEntered".equals(event.get("type").asString())) {
                states.add(event.get("state").asString());
            }
        });
        return states;
    }

    private static List<String> outcomes(List<String> errors, String last) {
        List<String> outcomes = new ArrayList<>(errors);
        outcomes.add(last);
        return outcomes;
    }
}
