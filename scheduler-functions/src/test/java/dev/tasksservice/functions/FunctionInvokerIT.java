package dev.tasksservice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.aws.SqsTaskMessages;
import dev.tasksservice.aws.StepFunctionsServer;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.delivery.SecretsManagerServer;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three functions as Lambda runs them: the JSON AWS sends, through Spring Cloud Function's FunctionInvoker, with
 * the store on dynalite, the queue on ElasticMQ, Step Functions on a server that speaks its wire protocol, the
 * webhook signing secret in a Secrets Manager on loopback, and the tasks' webhooks received on 127.0.0.1.
 */
class FunctionInvokerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STAGE = "fn-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksStateMachine-" + STAGE;

    private static final Receiver RECEIVER = Receiver.start();
    private static final SecretsManagerServer SECRETS_MANAGER = SecretsManagerServer.start();
    private static final String SECRET = Signatures.newSecret();

    private static StepFunctionsServer stepFunctions;
    private static String secretArn;
    private static SqsClient sqs;
    private static String queueUrl;
    private static DynamoDbTaskStore store;

    @BeforeAll
    static void environment() {
        stepFunctions = StepFunctionsServer.start();
        secretArn = SECRETS_MANAGER.putSecret("tasksWebhookSecret-" + STAGE, SECRET);
        sqs = ElasticMqServer.shared().client();
        queueUrl = TaskQueue.forStage(STAGE).createIfMissing(sqs);
        TaskTable table = TaskTable.forStage(STAGE);
        table.createIfMissing(DynaliteServer.shared().client());
        store = new DynamoDbTaskStore(DynaliteServer.shared().client(), table);
        Map.of(
                        "MAIN_CLASS",
                        SchedulerFunctionsApplication.class.getName(),
                        "spring.cloud.aws.region.static",
                        "us-east-1",
                        "spring.cloud.aws.credentials.access-key",
                        "local",
                        "spring.cloud.aws.credentials.secret-key",
                        "local",
                        "spring.cloud.aws.dynamodb.endpoint",
                        DynaliteServer.shared().endpoint().toString(),
                        "spring.cloud.aws.sqs.endpoint",
                        ElasticMqServer.shared().endpoint().toString(),
                        "spring.cloud.aws.sfn.endpoint",
                        stepFunctions.endpoint().toString(),
                        "tasks.stage",
                        STAGE)
                .forEach(System::setProperty);
    }

    @AfterAll
    static void cleanUp() {
        stepFunctions.close();
        SECRETS_MANAGER.close();
        RECEIVER.close();
        for (String name : List.of(
                "MAIN_CLASS",
                "spring.cloud.aws.region.static",
                "spring.cloud.aws.credentials.access-key",
                "spring.cloud.aws.credentials.secret-key",
                "spring.cloud.aws.dynamodb.endpoint",
                "spring.cloud.aws.sqs.endpoint",
                "spring.cloud.aws.sfn.endpoint",
                "tasks.stage")) {
            System.clearProperty(name);
        }
    }

    @Test
    void cronPollerSendsTheDueTasksToTheQueueHeldUntilShortlyBeforeTheirTime() throws IOException {
        Task overdue = store(UUID.randomUUID(), Instant.now().minusSeconds(5), TaskStatus.SCHEDULED);
        Task due = store(UUID.randomUUID(), Instant.now().plusSeconds(30), TaskStatus.SCHEDULED);
        Task later = store(UUID.randomUUID(), Instant.now().plusSeconds(3600), TaskStatus.SCHEDULED);

        JsonNode result = invoke(
                "cronPoller",
                "eventbridge-scheduled-event.json",
                Map.of("tasks.queue-url", queueUrl, "tasks.state-machine-arn", STATE_MACHINE));

        assertThat(result.get("due").intValue()).isEqualTo(2);
        assertThat(result.get("sent").intValue()).isEqualTo(2);
        assertThat(result.get("failed").size()).isZero();
        List<Message> messages = sqs.receiveMessage(request ->
                        request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages)
                .as("the overdue task at once; the one due in 30 s held until 5 s before its time")
                .extracting(message -> SqsTaskMessages.taskId(message.body()))
                .containsExactly(overdue.id())
                .doesNotContain(due.id(), later.id());
        assertThat(sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .isEqualTo("1");
    }

    @Test
    void sqsConsumerStartsEachWorkflowAndReportsOnlyTheBadMessage() throws IOException {
        UUID first = UUID.fromString("6b1f6d2c-9d1e-4c35-8a41-2c5a0a9f6e01");
        UUID second = UUID.fromString("0d3c9a8e-5a7b-4f2e-9c61-7b8e1f4a2d02");
        store(first, Instant.now().plusSeconds(30), TaskStatus.SCHEDULED);
        store(second, Instant.now().plusSeconds(45), TaskStatus.SCHEDULED);

        JsonNode result = invoke(
                "sqsConsumer", "sqs-event-three-messages.json", Map.of("tasks.state-machine-arn", STATE_MACHINE));

        assertThat(result.get("batchItemFailures").values())
                .extracting(failure -> failure.get("itemIdentifier").stringValue())
                .containsExactly("7a9c5e3b-1f2d-4e6a-b8c9-0d1e2f3a4b5c");
        assertThat(stepFunctions.calls())
                .filteredOn(call -> call.target().endsWith("StartExecution"))
                .extracting(call -> call.field("name"))
                .contains(first.toString(), second.toString());
        assertThat(stepFunctions.calls())
                .filteredOn(call -> call.target().endsWith("StartExecution"))
                .extracting(call -> call.field("stateMachineArn"))
                .containsOnly(STATE_MACHINE);
        assertThat(store.find(first).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(store.find(second).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void taskExecutorDeliversADueTaskToItsWebhookAndAnswersCompletedWithEveryFieldOfItsAnswer() throws IOException {
        UUID id = UUID.fromString("3f2e1d0c-b9a8-4765-8432-10fedcba9803");
        Task task = store(
                id,
                Instant.now().minusMillis(500).truncatedTo(ChronoUnit.MILLIS),
                TaskStatus.IN_PROGRESS,
                HttpTarget.post(RECEIVER.url("/completed", 200)));

        JsonNode result = invoke("taskExecutor", "sfn-execute-task.json", executorSettings());

        assertThat(result.get("status").stringValue()).as("%s", result).isEqualTo("COMPLETED");
        // The state machine selects each field of the answer: a field left out would fail the execution.
        assertThat(result.propertyNames())
                .containsExactlyInAnyOrder(
                        "id", "status", "executedAt", "nextAttempt", "retryAt", "error", "skippedBecause");
        assertThat(result.get("retryAt").isNull()).isTrue();
        assertThat(result.get("nextAttempt").isNull()).isTrue();
        Task done = store.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.executedAt()).isAfterOrEqualTo(task.timestamp());
        assertThat(result.get("executedAt").stringValue()).isEqualTo(Timestamps.format(done.executedAt()));
        assertThat(done.history()).hasSize(1);
        List<Receiver.Request> requests = RECEIVER.requests("/completed");
        assertThat(requests).hasSize(1);
        assertThat(Signatures.signedWith(SECRET, requests.getFirst())).isTrue();
    }

    @Test
    void taskExecutorAnswersRetryAtTheInstantItRecordedForTheNextAttempt() throws IOException {
        UUID id = UUID.randomUUID();
        store(
                id,
                Instant.now().minusMillis(500).truncatedTo(ChronoUnit.MILLIS),
                TaskStatus.IN_PROGRESS,
                HttpTarget.post(RECEIVER.url("/unavailable", 503)));

        JsonNode result = invokeWith("taskExecutor", stateMachinePayload(id, 1), executorSettings());

        assertThat(result.get("status").stringValue()).as("%s", result).isEqualTo("RETRY");
        assertThat(result.get("nextAttempt").intValue()).isEqualTo(2);
        Task waiting = store.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(result.get("retryAt").stringValue()).isEqualTo(Timestamps.format(waiting.nextAttemptAt()));
        assertThat(result.get("error").stringValue()).contains("503");
    }

    @Test
    void taskExecutorAnswersFailedWhenTheTargetRefusesTheTask() throws IOException {
        UUID id = UUID.randomUUID();
        store(
                id,
                Instant.now().minusMillis(500).truncatedTo(ChronoUnit.MILLIS),
                TaskStatus.IN_PROGRESS,
                HttpTarget.post(RECEIVER.url("/refuses", 400)));

        JsonNode result = invokeWith("taskExecutor", stateMachinePayload(id, 1), executorSettings());

        assertThat(result.get("status").stringValue()).as("%s", result).isEqualTo("FAILED");
        assertThat(result.get("retryAt").isNull()).isTrue();
        Task failed = store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.get("error").stringValue())
                .isEqualTo(failed.lastError())
                .contains("400");
    }

    @Test
    void taskExecutorAnswersSkippedForATaskThatIsGone() throws IOException {
        JsonNode result = invokeWith("taskExecutor", stateMachinePayload(UUID.randomUUID(), 1), executorSettings());

        assertThat(result.get("status").stringValue()).isEqualTo("SKIPPED");
        assertThat(result.get("skippedBecause").stringValue()).isEqualTo("no such task");
    }

    private static Map<String, String> executorSettings() {
        return Map.of(
                "TASKS_WEBHOOK_SECRET_ARN",
                secretArn,
                "TASKS_TARGET_ALLOW",
                "127.0.0.1",
                "spring.cloud.aws.secretsmanager.endpoint",
                SECRETS_MANAGER.endpoint().toString());
    }

    private static String stateMachinePayload(UUID id, int attempt) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"2030-01-01T10:00:00.000Z\",\"attempt\":" + attempt
                + ",\"version\":0}";
    }

    private static Task store(UUID id, Instant timestamp, TaskStatus status) {
        return store(id, timestamp, status, null);
    }

    private static Task store(UUID id, Instant timestamp, TaskStatus status, Target target) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Task task = Task.scheduled(
                id,
                TenantId.DEFAULT,
                timestamp,
                timestamp.minusSeconds(120).getEpochSecond(),
                now,
                "{\"orderId\":42}",
                null,
                target,
                RetryPolicy.DEFAULT);
        store.create(task);
        if (status == TaskStatus.IN_PROGRESS) {
            return store.move(new StatusChange(id, TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, now));
        }
        return task;
    }

    private static JsonNode invoke(String function, String fixture, Map<String, String> settings) throws IOException {
        try (InputStream event = FunctionInvokerIT.class.getResourceAsStream("/events/" + fixture)) {
            return invokeWith(function, new String(event.readAllBytes(), StandardCharsets.UTF_8), settings);
        }
    }

    /** Invokes {@code function} with the settings its Lambda gets from the stack, and no other function's. */
    private static JsonNode invokeWith(String function, String event, Map<String, String> settings) throws IOException {
        // What the Lambda's SPRING_CLOUD_FUNCTION_DEFINITION says.
        System.setProperty("spring.cloud.function.definition", function);
        settings.forEach(System::setProperty);
        try {
            FunctionInvoker invoker = new FunctionInvoker(function);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
            return JSON.readTree(output.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("spring.cloud.function.definition");
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
