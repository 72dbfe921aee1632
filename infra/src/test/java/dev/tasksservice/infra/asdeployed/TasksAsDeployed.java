package dev.tasksservice.infra.asdeployed;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.ElasticMqServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tests of the deployed stack share: the local deployment, its triggers (API Gateway, the EventBridge rule,
 * the SQS event source mapping), and reading tasks and executions as a user or operator would.
 */
class TasksAsDeployed {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final LocalDeployment deployment = LocalDeployment.shared();
    final ApiGateway api = new ApiGateway(deployment.api(), LocalDeployment.STAGE);
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
}
