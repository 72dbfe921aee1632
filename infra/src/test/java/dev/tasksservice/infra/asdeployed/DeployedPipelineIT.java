package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.ElasticMqServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * The stack as synthesized, each Lambda started from its jar with its template environment, driven by the events
 * that really arrive: a task goes from POST through the poller, the queue, the consumer and the state machine to the
 * executor, and the client sees it COMPLETED.
 */
@Timeout(300)
class DeployedPipelineIT extends TasksAsDeployed {

    @Test
    void everyJavaLambdaOfTheTemplateStartsWithItsOwnEnvironment() {
        // The other two are Node.js: the API key authorizer, which ApiKeyAuthorizerTest runs, and the millisecond wait,
        // which the state machine tests run.
        assertThat(deployment.template().logicalIds("AWS::Lambda::Function")).hasSize(6);
        assertThat(deployment.javaFunctions()).hasSize(4);
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
    void eachFunctionWritesTheMetricsOfItsInvocationsToItsLogAsEmf() throws Exception {
        JsonNode task = schedule("{\"seconds\":1}");
        String id = task.get("id").asString();
        deliverUntil(id);
        await(
                task,
                Duration.ofSeconds(30),
                current -> "COMPLETED".equals(current.get("status").asString()));

        String stage =
                deployment.template().environment(deployment.apiFunction()).get("TASKS_STAGE");
        assertThat(emfMetrics(deployment.api(), stage))
                .contains("tasks.scheduled", "tasks.dispatched", "tasks.store.latency");
        assertThat(emfMetrics(deployment.function("sqsConsumer"), stage)).contains("tasks.store.latency");
        assertThat(emfMetrics(deployment.function("taskExecutor"), stage))
                .contains("tasks.lateness", "tasks.run", "tasks.target.latency", "tasks.store.latency");
    }

    /**
     * The metric names of the EMF records in the function's log, of namespace TasksService and dimension Stage: what
     * CloudWatch turns into the metrics the alarms read. Waits a little for the log to be written.
     */
    private static Set<String> emfMetrics(LambdaProcess function, String stage) throws Exception {
        Set<String> names = new TreeSet<>();
        Instant deadline = Instant.now().plusSeconds(5);
        do {
            for (String line : Files.readAllLines(function.log())) {
                int json = line.indexOf("{\"_aws\"");
                if (json < 0) {
                    continue;
                }
                JsonNode record = JSON.readTree(line.substring(json));
                JsonNode metrics = record.get("_aws").get("CloudWatchMetrics").get(0);
                if ("TasksService".equals(metrics.get("Namespace").asString())
                        && stage.equals(record.path("Stage").asString())) {
                    metrics.get("Metrics")
                            .forEach(metric -> names.add(metric.get("Name").asString()));
                }
            }
            if (!names.isEmpty()) {
                return names;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return names;
    }

    @Test
    void aTaskWithAQueueTargetArrivesOnItsQueueWithItsPayloadAndId() throws InterruptedException {
        JsonNode task = schedule("{\"seconds\":2,\"payload\":{\"orderId\":9},\"target\":{\"type\":\"sqs\","
                + "\"queueUrl\":\"" + LocalDeployment.targetQueueUrl() + "\"}}");
        String id = task.get("id").asString();
        deliverUntil(id);

        await(
                task,
                Duration.ofSeconds(30),
                current -> "COMPLETED".equals(current.get("status").asString()));

        Message message = receiveFromTargetQueue(id, Duration.ofSeconds(10));
        assertThat(JSON.readTree(message.body())).isEqualTo(JSON.readTree("{\"orderId\":9}"));
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

    /** The message for task {@code id} on the target queue, as a consumer of that queue reads it. */
    private Message receiveFromTargetQueue(String id, Duration timeout) {
        SqsClient sqs = ElasticMqServer.shared().client();
        String queueUrl = sqs.getQueueUrl(request -> request.queueName(deployment.targetQueueName()))
                .queueUrl();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages()) {
                MessageAttributeValue taskId = message.messageAttributes().get("taskId");
                if (taskId != null && id.equals(taskId.stringValue())) {
                    return message;
                }
            }
        }
        throw new AssertionError("no message for task " + id + " on " + queueUrl + " within " + timeout);
    }

    @Test
    void aTaskCancelledThroughTheApiNeverRuns() throws InterruptedException {
        String path = "/cancelled-" + UUID.randomUUID();
        JsonNode task =
                schedule("{\"seconds\":4,\"target\":{\"type\":\"http\",\"url\":\"" + RECEIVER.url(path, 200) + "\"}}");
        String id = task.get("id").asString();
        deliverUntil(id);

        ApiGateway.Response cancelled = api.send("DELETE", task.get("location").asString(), null);

        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(get(task).get("status").asString()).isEqualTo("CANCELLED");
        // Due within seconds, it was started in the Express machine, which cannot be stopped: the executor's claim
        // refuses the cancelled task.
        JsonNode execution = awaitExecutionEnd(id, Duration.ofSeconds(15));
        assertThat(execution.get("stateMachineArn").asString()).isEqualTo(deployment.expressStateMachineArn());
        assertThat(JSON.readTree(execution.get("output").asString())
                        .get("result")
                        .get("status")
                        .asString())
                .isEqualTo("SKIPPED");
        assertThat(RECEIVER.requests(path)).isEmpty();
        assertThat(get(task).get("status").asString()).isEqualTo("CANCELLED");
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
}
