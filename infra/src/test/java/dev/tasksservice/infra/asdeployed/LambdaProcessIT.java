package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.aws.StepFunctionsServer;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.infra.LambdaJars;
import dev.tasksservice.infra.SchedulerFunctions;
import dev.tasksservice.infra.TasksRestApi;
import dev.tasksservice.schema.TasksTableSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The harness on the real jars: the scheduler functions and the API, started as Lambda starts them, against dynalite,
 * ElasticMQ and a Step Functions stub. Needs the jars that {@code mvn package} builds (scheduler-functions and
 * api-service come before infra) and dynalite ({@code npm ci}); no Docker.
 */
@Timeout(180)
class LambdaProcessIT {

    private static final Path JAR = Path.of(LambdaJars.DEFAULT_FUNCTIONS_JAR);
    private static final String STAGE = "test";
    private static final String TABLE = "tasksTable-" + STAGE;
    private static final String STATE_MACHINE =
            "arn:aws:states:us-east-1:000000000000:stateMachine:tasksStateMachine-" + STAGE;
    /** What EventBridge sends the poller every minute. */
    private static final String SCHEDULED_EVENT = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
            "source":"aws.events","account":"000000000000","time":"2026-01-01T10:00:00Z","region":"us-east-1",
            "resources":["arn:aws:events:us-east-1:000000000000:rule/poll"],"detail":{}}
            """;

    private static LambdaProcess executor;
    /** The calls of the init phase, read before any test clears them. */
    private static List<AwsCall> initCalls;

    @BeforeAll
    static void startExecutor() {
        executor = LambdaProcess.start(
                JAR, SchedulerFunctions.HANDLER, executorEnvironment(), dynamoDbEndpoint(), "taskExecutor-test");
        initCalls = executor.calls();
    }

    @AfterAll
    static void stopExecutor() {
        if (executor != null) {
            executor.close();
        }
    }

    /**
     * The template's variables of the executor (its signing secret is read on its first delivery, which none of these
     * tests makes), plus the queue and state machine.
     */
    private static Map<String, String> executorEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", "taskExecutor");
        environment.put("MAIN_CLASS", SchedulerFunctions.MAIN_CLASS);
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("TASKS_STAGE", STAGE);
        environment.put("TASKS_CREATE_TABLE", "true");
        environment.put("TASKS_QUEUE_URL", "http://127.0.0.1:1/000000000000/tasksQueue-" + STAGE);
        environment.put("TASKS_STATE_MACHINE_ARN", STATE_MACHINE);
        environment.put(
                "TASKS_WEBHOOK_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:000000000000:secret:tasksWebhookSecret-" + STAGE + "-AbCdEf");
        return environment;
    }

    /** The template's variables of the poller and the consumer, with the queue and state machine both ask for. */
    private static Map<String, String> dispatchEnvironment(String function, String queueUrl) {
        Map<String, String> environment = executorEnvironment();
        environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", function);
        environment.put("TASKS_CREATE_TABLE", "false");
        environment.put("TASKS_QUEUE_URL", queueUrl);
        environment.remove("TASKS_WEBHOOK_SECRET_ARN");
        return environment;
    }

    private static int delayedMessages(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static Task storeTaskDueIn(Duration delay) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant timestamp = now.plus(delay);
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                timestamp,
                timestamp.minusSeconds(120).getEpochSecond(),
                now,
                null,
                null);
        new DynamoDbTaskStore(DynaliteServer.shared().client(), TaskTable.forStage(STAGE)).create(task);
        return task;
    }

    /** What SQS hands the consumer for one message. */
    private static String sqsEvent(Message message) {
        return """
                {"Records":[{"messageId":"%s","receiptHandle":"%s","body":"%s","attributes":{"ApproximateReceiveCount":"1"},
                "messageAttributes":{},"eventSource":"aws:sqs",
                "eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:tasksQueue-%s","awsRegion":"us-east-1"}]}
                """.formatted(message.messageId(), message.receiptHandle(), message.body(), STAGE);
    }

    private static Map<String, String> dynamoDbEndpoint() {
        return Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", DynaliteServer.shared().endpoint().toString());
    }

    @Test
    void startsAsLambdaDoesAndRecordsTheStartupCheckOfTheTable() {
        assertThat(executor.initDuration()).isPositive();
        assertThat(executor.invokeUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(initCalls)
                .isNotEmpty()
                // Making the table (this test's runtime may) includes its time to live.
                .allSatisfy(
                        call -> assertThat(call.operation()).isIn("DescribeTable", "CreateTable", "UpdateTimeToLive"))
                .extracting(AwsCall::service, AwsCall::resource)
                .containsOnly(tuple("DynamoDb", TABLE));
    }

    @Test
    void runsTheExecutorAndRecordsItsDynamoDbCalls() {
        String id = UUID.randomUUID().toString();
        executor.clearCalls();

        Invocation invocation = executor.invoke(
                "{\"id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"attempt\":1,\"version\":0}");

        assertThat(invocation.ok()).as("%s", invocation).isTrue();
        assertThat(invocation.body()).contains(id).contains("no such task");
        // The attempt to claim the task, on the stage's table; nothing else, as the task does not exist.
        assertThat(executor.calls())
                .contains(new AwsCall("DynamoDb", "UpdateItem", TABLE))
                .allSatisfy(call -> assertThat(call)
                        .isIn(new AwsCall("DynamoDb", "UpdateItem", TABLE), new AwsCall("DynamoDb", "GetItem", TABLE)));
    }

    @Test
    void servesInvocationsThatOverlap() {
        List<CompletableFuture<Invocation>> invocations = Stream.generate(
                        () -> UUID.randomUUID().toString())
                .limit(4)
                .map(id -> CompletableFuture.supplyAsync(
                        () -> executor.invoke("{\"id\":\"" + id + "\",\"attempt\":1,\"version\":0}")))
                .toList();

        assertThat(invocations)
                .extracting(CompletableFuture::join)
                .allSatisfy(invocation ->
                        assertThat(invocation.ok()).as("%s", invocation).isTrue());
    }

    @Test
    void theDispatchFunctionsReachSqsAndStepFunctionsThroughTheirEndpoints() {
        SqsClient sqs = ElasticMqServer.shared().client();
        String queueUrl = TaskQueue.forStage(STAGE).createIfMissing(sqs);
        // Due within the queue's hold (5 s): the poller's message is visible at once. One due in 30 s is held.
        Task due = storeTaskDueIn(Duration.ofSeconds(4));
        storeTaskDueIn(Duration.ofSeconds(30));
        int heldBefore = delayedMessages(sqs, queueUrl);
        try (StepFunctionsServer stepFunctions = StepFunctionsServer.start()) {
            Map<String, String> endpoints = Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB",
                            DynaliteServer.shared().endpoint().toString(),
                    "AWS_ENDPOINT_URL_SQS", ElasticMqServer.shared().endpoint().toString(),
                    "AWS_ENDPOINT_URL_SFN", stepFunctions.endpoint().toString());

            try (LambdaProcess poller = LambdaProcess.start(
                    JAR,
                    SchedulerFunctions.HANDLER,
                    dispatchEnvironment("cronPoller", queueUrl),
                    endpoints,
                    "cronPoller-test")) {
                Invocation polled = poller.invoke(SCHEDULED_EVENT);

                assertThat(polled.ok()).as("%s", polled).isTrue();
                assertThat(poller.calls())
                        .contains(
                                new AwsCall("DynamoDb", "Query", TABLE + "/index/" + TasksTableSchema.DUE_INDEX.name()),
                                new AwsCall("DynamoDb", "BatchGetItem", TABLE),
                                new AwsCall("Sqs", "SendMessageBatch", queueUrl));
            }
            // The shaded jar's poller holds a task until shortly before its time (its default TASKS_DISPATCH_LEAD).
            assertThat(delayedMessages(sqs, queueUrl)).isEqualTo(heldBefore + 1);
            // The message is in ElasticMQ's queue: the SQS client used AWS_ENDPOINT_URL_SQS.
            List<Message> messages = sqs.receiveMessage(request ->
                            request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            Message message = messages.stream()
                    .filter(candidate -> candidate.body().equals(due.id().toString()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No message for " + due.id() + " in " + messages));

            try (LambdaProcess consumer = LambdaProcess.start(
                    JAR,
                    SchedulerFunctions.HANDLER,
                    dispatchEnvironment("sqsConsumer", queueUrl),
                    endpoints,
                    "sqsConsumer-test")) {
                Invocation consumed = consumer.invoke(sqsEvent(message));

                assertThat(consumed.ok()).as("%s", consumed).isTrue();
                assertThat(consumed.body()).contains("\"batchItemFailures\":[]");
                assertThat(consumer.calls()).contains(new AwsCall("Sfn", "StartExecution", STATE_MACHINE));
            }
            // ... and the execution reached the local Step Functions: so did AWS_ENDPOINT_URL_SFN.
            assertThat(stepFunctions.calls())
                    .filteredOn(call -> call.target().endsWith("StartExecution"))
                    .extracting(call -> call.field("name"))
                    .contains(due.id().toString());
        }
    }

    @Test
    void runsTheApiHandlerNamedByItsClassAlone() {
        String taskId = UUID.randomUUID().toString();
        Map<String, String> environment = executorEnvironment();
        environment.remove("SPRING_CLOUD_FUNCTION_DEFINITION");
        environment.remove("MAIN_CLASS");
        String handlerClass = TasksRestApi.HANDLER.substring(0, TasksRestApi.HANDLER.indexOf("::"));

        try (LambdaProcess api = LambdaProcess.start(
                Path.of(LambdaJars.DEFAULT_API_JAR), handlerClass, environment, dynamoDbEndpoint(), "api-test")) {
            Invocation invocation = api.invoke("""
                    {"resource":"/tasks/{id}","path":"/tasks/%s","httpMethod":"GET",
                    "headers":{"Accept":"application/json"},"pathParameters":{"id":"%s"},
                    "requestContext":{"stage":"v1","requestId":"r-1",
                      "identity":{"sourceIp":"127.0.0.1","apiKey":"k3yValueOfTheCaller0000000000000000000000","apiKeyId":"a1b2c3d4e5"}},
                    "isBase64Encoded":false}
                    """.formatted(taskId, taskId));

            assertThat(invocation.ok()).as("%s", invocation).isTrue();
            assertThat(invocation.body()).contains("\"statusCode\":404");
            assertThat(api.calls()).contains(new AwsCall("DynamoDb", "GetItem", TABLE));
        }
    }

    @Test
    void reportsTheFunctionsErrorAsLambdaDoes() {
        Invocation invocation = executor.invoke("{\"id\":\"not-a-uuid\",\"attempt\":1,\"version\":0}");

        assertThat(invocation.ok()).isFalse();
        assertThat(invocation.errorType()).isNotBlank();
        assertThat(invocation.errorMessage()).isNotBlank();
        assertThat(invocation.body()).contains("\"stackTrace\"");
    }

    @Test
    void aFunctionThatCannotStartSaysWhy() {
        // The startup check of the table fails: the stage's table was never created.
        Map<String, String> environment = executorEnvironment();
        environment.put("TASKS_STAGE", "undeployed");
        environment.put("TASKS_CREATE_TABLE", "false");

        assertThatThrownBy(() -> LambdaProcess.start(
                                JAR, SchedulerFunctions.HANDLER, environment, dynamoDbEndpoint(), "no-table-test")
                        .close())
                .isInstanceOf(LambdaProcess.InitFailedException.class)
                .hasMessageContaining("INIT_FAILED")
                .hasMessageContaining("tasksTable-undeployed");
    }

    @Test
    void onlyEndpointsMayBeAdded() {
        assertThatThrownBy(() -> LambdaProcess.start(
                        JAR, SchedulerFunctions.HANDLER, executorEnvironment(), Map.of("TASKS_STAGE", "other"), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TASKS_STAGE");
    }

    @Test
    void theFunctionCannotSetWhatTheRuntimeReserves() {
        Map<String, String> environment = executorEnvironment();
        environment.put("AWS_REGION", "eu-west-1");

        assertThatThrownBy(() -> LambdaProcess.start(JAR, SchedulerFunctions.HANDLER, environment, Map.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION");
    }
}
