package dev.tasksservice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.aws.SqsTaskMessages;
import dev.tasksservice.aws.StepFunctionsServer;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three functions as Lambda runs them: the JSON AWS sends, through Spring Cloud Function's FunctionInvoker, with
 * the store on dynalite, the queue on ElasticMQ and Step Functions on a server that speaks its wire protocol.
 */
class FunctionInvokerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STAGE = "fn-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksStateMachine-" + STAGE;

    private static StepFunctionsServer stepFunctions;
    private static SqsClient sqs;
    private static String queueUrl;
    private static DynamoDbTaskStore store;

    @BeforeAll
    static void environment() {
        stepFunctions = StepFunctionsServer.start();
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
    void cronPollerSendsTheDueTasksToTheQueue() throws IOException {
        Task due = store(UUID.randomUUID(), Instant.now().plusSeconds(30), TaskStatus.SCHEDULED);
        Task later = store(UUID.randomUUID(), Instant.now().plusSeconds(3600), TaskStatus.SCHEDULED);

        JsonNode result = invoke(
                "cronPoller",
                "eventbridge-scheduled-event.json",
                Map.of("tasks.queue-url", queueUrl, "tasks.state-machine-arn", STATE_MACHINE));

        assertThat(result.get("due").intValue()).isEqualTo(1);
        assertThat(result.get("sent").intValue()).isEqualTo(1);
        assertThat(result.get("failed").size()).isZero();
        List<Message> messages = sqs.receiveMessage(request ->
                        request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages)
                .extracting(message -> SqsTaskMessages.taskId(message.body()))
                .containsExactly(due.id())
                .doesNotContain(later.id());
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
    void taskExecutorRunsADueTaskAndRecordsWhen() throws IOException {
        UUID id = UUID.fromString("3f2e1d0c-b9a8-4765-8432-10fedcba9803");
        Task task = store(id, Instant.now().minusMillis(500).truncatedTo(ChronoUnit.MILLIS), TaskStatus.IN_PROGRESS);

        JsonNode result = invoke("taskExecutor", "sfn-execute-task.json", Map.of());

        assertThat(result.get("ran").booleanValue()).as("%s", result).isTrue();
        Task done = store.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.executedAt()).isAfterOrEqualTo(task.timestamp());
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(result.get("executedAt").stringValue()).isNotBlank();
    }

    @Test
    void taskExecutorMarksTheTaskFailedWithTheCaughtErrorMessage() throws IOException {
        UUID id = UUID.fromString("8e7d6c5b-4a39-4281-9f0e-d1c2b3a49804");
        store(id, Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS), TaskStatus.IN_PROGRESS);

        invoke("taskExecutor", "sfn-task-failed.json", Map.of());

        Task failed = store.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: endpoint down");
    }

    private static Task store(UUID id, Instant timestamp, TaskStatus status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Task task = Task.scheduled(id, timestamp, timestamp.minusSeconds(120).getEpochSecond(), now, null, null);
        store.create(task);
        if (status == TaskStatus.IN_PROGRESS) {
            return store.move(new StatusChange(id, TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, now));
        }
        return task;
    }

    /** Invokes {@code function} with the settings its Lambda gets from the stack, and no other function's. */
    private static JsonNode invoke(String function, String fixture, Map<String, String> settings) throws IOException {
        // What the Lambda's SPRING_CLOUD_FUNCTION_DEFINITION says.
        System.setProperty("spring.cloud.function.definition", function);
        settings.forEach(System::setProperty);
        try {
            FunctionInvoker invoker = new FunctionInvoker(function);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (InputStream event = FunctionInvokerIT.class.getResourceAsStream("/events/" + fixture)) {
                invoker.handleRequest(event, output, null);
            }
            return JSON.readTree(output.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("spring.cloud.function.definition");
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
