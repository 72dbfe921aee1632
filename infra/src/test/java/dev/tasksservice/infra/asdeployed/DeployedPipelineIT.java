package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The stack as synthesized, each Lambda started from its jar with its template environment, driven by the events
 * that really arrive: a task goes from POST through the poller, the queue, the consumer and the state machine to the
 * executor, and the client sees it COMPLETED.
 */
@Timeout(300)
class DeployedPipelineIT extends TasksAsDeployed {

    @Test
    void everyLambdaOfTheTemplateStartsWithItsOwnEnvironment() {
        assertThat(deployment.template().logicalIds("AWS::Lambda::Function")).hasSize(4);
        assertThat(deployment.functions()).hasSize(4);
        deployment
                .functions()
                .forEach((name, function) -> assertThat(function.initDuration())
                        .as("init of %s", name)
                        .isPositive());
    }

    @Test
    void aTaskScheduledThroughTheApiRunsOnTimeAndTheClientSeesItCompleted() throws InterruptedException {
        JsonNode task = schedule("{\"seconds\":3,\"payload\":{\"orderId\":7}}");
        String id = task.get("id").asString();
        assertThat(task.get("location").asString()).isEqualTo("/dev/tasks/" + id);

        // Due within the lookahead: the API sent it to the queue at once; the consumer starts its execution.
        assertThat(deliverUntil(id)).contains(id);
        JsonNode done = await(
                task,
                Duration.ofSeconds(30),
                current -> "COMPLETED".equals(current.get("status").asString()));

        Instant due = Instant.parse(done.get("timestamp").asString());
        Instant executedAt = Instant.parse(done.get("executedAt").asString());
        assertThat(executedAt).isAfterOrEqualTo(due).isBefore(due.plusSeconds(2));
        assertThat(awaitExecutionEnd(id, Duration.ofSeconds(10)).get("status").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void thePollerSendsATaskThatBecameDueToTheQueue() throws InterruptedException {
        // Beyond the lookahead, so the API leaves it to the poller; then it is made due as time would.
        JsonNode task = schedule("{\"seconds\":600}");
        String id = task.get("id").asString();
        makeDueForPickUp(id);

        JsonNode poll = rule.fire();

        assertThat(poll.get("sent").asInt()).isPositive();
        assertThat(deliverUntil(id)).contains(id);
        assertThat(item(id).get("taskStatus").s()).isEqualTo("IN_PROGRESS");
        assertThat(execution(id)).as("the task's execution").isNotNull();
        assertThat(api.send("DELETE", task.get("location").asString(), null).status())
                .isEqualTo(200);
    }

    @Test
    void aTaskCancelledThroughTheApiNeverRuns() throws InterruptedException {
        JsonNode task = schedule("{\"seconds\":4}");
        String id = task.get("id").asString();
        deliverUntil(id);

        ApiGateway.Response cancelled = api.send("DELETE", task.get("location").asString(), null);

        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(get(task).get("status").asString()).isEqualTo("CANCELLED");
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("ABORTED");
        assertThat(invocationsOf(execution, "ExecuteTask")).isEmpty();
    }

    @Test
    void aCancelThatWinsTheRaceWithTheConsumerStopsTheExecutionItStarted() throws Exception {
        JsonNode task = schedule("{\"seconds\":600}");
        String id = task.get("id").asString();
        makeDueForPickUp(id);
        // The client cancels while the consumer's StartExecution is on its way: the task is still SCHEDULED then.
        try (CallbackServer cancel = CallbackServer.start(
                () -> api.send("DELETE", task.get("location").asString(), null))) {
            deployment.stepFunctions().beforeStart(id, cancel.url());
            rule.fire();
            deliverUntil(id);
            assertThat(cancel.calls()).isEqualTo(1);
        }

        assertThat(get(task).get("status").asString()).isEqualTo("CANCELLED");
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(10));
        assertThat(execution.get("status").asString()).isEqualTo("ABORTED");
        assertThat(invocationsOf(execution, "ExecuteTask")).isEmpty();
    }

    /** Delivers from the queue to the consumer until task {@code id} has been delivered (bounded). */
    List<String> deliverUntil(String id) throws InterruptedException {
        return deliverUntil(List.of(id));
    }

    /** Delivers from the queue to the consumer until every one of {@code ids} has been delivered (bounded). */
    List<String> deliverUntil(List<String> ids) {
        Instant deadline = Instant.now().plusSeconds(20);
        List<String> delivered = new java.util.ArrayList<>();
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
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb =
                dev.tasksservice.aws.DynaliteServer.shared().client();
        dynamoDb.updateItem(request -> request.tableName(deployment.tableName())
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id)))
                .updateExpression("SET startExecutionAt = :now")
                .expressionAttributeValues(Map.of(
                        ":now",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                                Long.toString(Instant.now().getEpochSecond())))));
    }

    static List<JsonNode> invocationsOf(JsonNode execution, String state) {
        List<JsonNode> invocations = new java.util.ArrayList<>();
        execution.get("events").forEach(event -> {
            if ("LambdaInvoked".equals(event.get("type").asString())
                    && state.equals(event.get("state").asString())) {
                invocations.add(event);
            }
        });
        return invocations;
    }
}
