package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.domain.recover.RedriveTask;
import dev.tasksservice.infra.ApiClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tests of the deployed stack share: the local deployment, its triggers (API Gateway, the EventBridge rule,
 * the SQS event source mapping), and reading tasks and executions as a user or operator would.
 */
class TasksAsDeployed {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the executor throws when it ran an attempt but could not record it, as Step Functions names the error. */
    static final String TASK_NOT_RECORDED = "dev.tasksservice.domain.model.TaskNotRecordedException";

    /** Where the tests' tasks are delivered; one for the test JVM, each test on paths of its own. */
    static final WebhookReceiver RECEIVER = WebhookReceiver.start();

    final LocalDeployment deployment = LocalDeployment.shared();
    final ApiGateway api = new ApiGateway(
            deployment.api(),
            LocalDeployment.STAGE,
            deployment.gateway(),
            deployment.apiKey(ApiClients.DEFAULT_CLIENT));
    final ScheduledRule rule = new ScheduledRule(deployment.function("cronPoller"));
    final SqsEventSourceMapping queue = new SqsEventSourceMapping(
            ElasticMqServer.shared().client(),
            deployment.queueUrl(),
            "arn:aws:sqs:" + CloudFormationTemplate.REGION + ":" + CloudFormationTemplate.ACCOUNT + ":tasksQueue-"
                    + LocalDeployment.STAGE,
            deployment.function("sqsConsumer"));

    /** POST /tasks through API Gateway; answers the created task's JSON (with its Location in "location"). */
    JsonNode schedule(String body) {
        ApiGateway.Response created = api.send("POST", "/tasks", body);
        if (created.status() != 201) {
            throw new AssertionError("POST /tasks answered " + created);
        }
        JsonNode task = created.json();
        ((tools.jackson.databind.node.ObjectNode) task).put("location", created.header("Location"));
        return task;
    }

    /** GET the task by the Location it was created with. */
    JsonNode get(JsonNode task) {
        ApiGateway.Response found = api.send("GET", task.get("location").asString(), null);
        if (found.status() != 200) {
            throw new AssertionError("GET " + task.get("location").asString() + " answered " + found);
        }
        return found.json();
    }

    /** Polls the task through the API until {@code until} holds, for at most {@code timeout}. */
    JsonNode await(JsonNode task, Duration timeout, Predicate<JsonNode> until) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode current = get(task);
        while (!until.test(current)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("after " + timeout + " the task is still " + current);
            }
            Thread.sleep(200);
            current = get(task);
        }
        return current;
    }

    /** The item as stored in the table: what an operator sees in the console. */
    Map<String, AttributeValue> item(String id) {
        return DynaliteServer.shared()
                .client()
                .getItem(request -> request.tableName(deployment.tableName())
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
    }

    /** The execution named {@code name}, with its events, as the Step Functions server keeps it; null if none. */
    JsonNode execution(String name) {
        for (JsonNode execution : JSON.readTree(deployment.stepFunctions().executionsJson())) {
            if (name.equals(execution.get("name").asString())) {
                return execution;
            }
        }
        return null;
    }

    /** The executions of task {@code id}, whatever their names, in the order they were started. */
    List<JsonNode> executionsOf(String id) {
        List<JsonNode> executions = new ArrayList<>();
        for (JsonNode execution : JSON.readTree(deployment.stepFunctions().executionsJson())) {
            if (id.equals(
                    JSON.readTree(execution.get("input").asString()).path("id").asString())) {
                executions.add(execution);
            }
        }
        executions.sort(Comparator.comparingDouble(
                execution -> execution.get("startDate").asDouble()));
        return executions;
    }

    /** The task's attempts, as {@code GET /tasks/{id}/attempts} answers them. */
    List<JsonNode> attempts(JsonNode task) {
        ApiGateway.Response answer = api.send("GET", task.get("location").asString() + "/attempts", null);
        if (answer.status() != 200) {
            throw new AssertionError("GET attempts answered " + answer);
        }
        List<JsonNode> attempts = new ArrayList<>();
        answer.json().get("attempts").forEach(attempts::add);
        return attempts;
    }

    /** Waits until the execution named {@code name} has ended, for at most {@code timeout}. */
    JsonNode awaitExecutionEnd(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode execution = execution(name);
        while (execution == null || "RUNNING".equals(execution.get("status").asString())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("after " + timeout + " the execution is " + execution);
            }
            Thread.sleep(200);
            execution = execution(name);
        }
        return execution;
    }

    /** Delivers from the queue to the consumer until task {@code id} has been delivered (bounded). */
    List<String> deliverUntil(String id) {
        return deliverUntil(List.of(id));
    }

    /** Delivers from the queue to the consumer until every one of {@code ids} has been delivered (bounded). */
    List<String> deliverUntil(List<String> ids) {
        Instant deadline = Instant.now().plusSeconds(20);
        List<String> delivered = new ArrayList<>();
        while (!delivered.containsAll(ids)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("tasks " + ids + " never all reached the consumer; delivered " + delivered);
            }
            delivered.addAll(queue.deliverOnce(10));
        }
        return delivered;
    }

    /** Moves the task's pick-up second to now, as the passing of time would. */
    void makeDueForPickUp(String id) {
        update(
                id,
                "SET startExecutionAt = :now",
                Map.of(":now", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()))));
    }

    /** Moves the task's time {@code ago} into the past, as the passing of time would. */
    void makeOverdue(String id, Duration ago) {
        Instant timestamp = Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS);
        update(
                id,
                "SET #timestamp = :timestamp, startExecutionAt = :start",
                Map.of(
                        ":timestamp", AttributeValue.fromS(timestamp.toString()),
                        ":start", AttributeValue.fromN(Long.toString(timestamp.getEpochSecond() - 120))));
    }

    void update(String id, String expression, Map<String, AttributeValue> values) {
        DynaliteServer.shared().client().updateItem(request -> {
            request.tableName(deployment.tableName())
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression(expression)
                    .expressionAttributeValues(values);
            if (expression.contains("#timestamp")) {
                request.expressionAttributeNames(Map.of("#timestamp", "timestamp"));
            }
        });
    }

    /** The executor's invocations by state {@code state} of an execution, in order. */
    static List<JsonNode> invocationsOf(JsonNode execution, String state) {
        List<JsonNode> invocations = new ArrayList<>();
        execution.get("events").forEach(event -> {
            if ("LambdaInvoked".equals(event.get("type").asString())
                    && state.equals(event.get("state").asString())) {
                invocations.add(event);
            }
        });
        return invocations;
    }

    /** The ARN by which the state machine invokes the executor (its alias). */
    String executorArn() {
        CloudFormationTemplate template = deployment.template();
        String executor = deployment.schedulerFunction("taskExecutor");
        return template.ref(template.logicalIds("AWS::Lambda::Alias").stream()
                .filter(alias -> executor.equals(template.properties(alias)
                        .get("FunctionName")
                        .path("Ref")
                        .asString()))
                .findFirst()
                .orElseThrow());
    }

    /** A Step Functions client of the local state machine's server, as an operator would use it. */
    SfnClient stepFunctionsClient() {
        return SfnClient.builder()
                .endpointOverride(deployment.stepFunctions().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    // Stuck tasks, staged as a crash or the platform would leave them (used by the recovery and permission tests).

    /** The executor failed (it threw, as when it cannot record an attempt): the execution ended, the task is still IN_PROGRESS. */
    JsonNode stuckAfterItsExecutorFailed() throws InterruptedException {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deployment
                .stepFunctions()
                .injectFault(
                        executorArn(),
                        id,
                        TASK_NOT_RECORDED,
                        "{\"errorMessage\":\"attempt 1 of task " + id + " ran but could not be recorded\"}",
                        1);
        deliverUntil(id);
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(40));
        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").asString()).isEqualTo(TASK_NOT_RECORDED);
        makeOverdue(id, Duration.ofMinutes(10));
        return task;
    }

    /** Three attempts claimed, then the execution was stopped by hand: nothing will record the task's end. */
    /** The attempts of a task whose default policy (3 attempts) is used up by runs lost without a record. */
    static final int USED_UP = 3 + RedriveTask.LOST_RUNS_NOT_COUNTED;

    JsonNode stuckWithItsAttemptsUsedUp() {
        JsonNode task = schedule("{\"seconds\":600}");
        String id = task.get("id").asString();
        makeDueForPickUp(id);
        rule.fire();
        deliverUntil(id);
        try (SfnClient sfn = stepFunctionsClient()) {
            sfn.stopExecution(request -> request.executionArn(executionArnOf(id)));
        }
        // Its 3 attempts and the lost runs beyond them that are not counted, all claimed and never recorded.
        update(id, "SET attempts = :used", Map.of(":used", AttributeValue.fromN(Integer.toString(USED_UP))));
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
                            + task.get("timestamp").asString() + "\",\"attempt\":1,\"version\":0}"));
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
