package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.domain.TaskActionContract;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskAction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The task action of every runtime, as the executor uses it: to a receiver on 127.0.0.1 (the deployment's default
 * target here), to queues served by ElasticMQ, or to nowhere but the log.
 */
@Timeout(60)
class TargetDeliveryIT extends TaskActionContract {

    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final SqsClient SQS = ElasticMqServer.shared().client();
    private static final TargetRules RULES = TargetRules.parse(
            "127.0.0.1",
            ElasticMqServer.shared().endpoint() + "/000000000000/allowed-",
            RECEIVER.url("/").toString());
    private static final WebhookSigner SIGNER = new WebhookSigner(WebhookSecrets.parse(WebhookSecrets.generate()));
    private static final WebhookSender WEBHOOKS = new WebhookSender(RULES, SIGNER, new JdkHostResolver());
    private static final QueueSender QUEUES = new QueueSender(SQS);

    static {
        RECEIVER.answer("/fail", 503);
    }

    @AfterAll
    static void stop() throws IOException {
        WEBHOOKS.close();
        RECEIVER.close();
    }

    @Override
    protected TaskAction newAction() {
        return new TargetDelivery(RULES, WEBHOOKS, QUEUES);
    }

    /** The instants the receiver saw the task's attempts begin at. */
    @Override
    protected List<Instant> runsSeen(UUID taskId) {
        return RECEIVER.requests().stream()
                .filter(request -> taskId.toString().equals(request.header("webhook-id")))
                .map(request -> Timestamps.parse(request.header("tasks-executed-at")))
                .toList();
    }

    /** The task, with a target of its own that answers 503. */
    @Override
    protected Optional<Task> failing(Task task) {
        return Optional.of(withTarget(task, HttpTarget.post(RECEIVER.url("/fail"))));
    }

    @Test
    void aTaskWithoutTargetGoesToTheDefaultTarget() throws Exception {
        Task task = attempt(1, "{\"n\":1}");

        Delivery delivery = action.perform(task, DUE);

        assertThat(delivery).isEqualTo(Delivery.succeeded(200));
        assertThat(requestsFor(task, "/")).hasSize(1);
    }

    @Test
    void aTasksOwnTargetComesBeforeTheDefault() throws Exception {
        Task task = withTarget(attempt(1, "{\"n\":2}"), HttpTarget.post(RECEIVER.url("/own")));

        Delivery delivery = action.perform(task, DUE);

        assertThat(delivery).isEqualTo(Delivery.succeeded(200));
        assertThat(requestsFor(task, "/own")).hasSize(1);
        assertThat(requestsFor(task, "/")).isEmpty();
    }

    @Test
    void withoutTargetAndWithoutDefaultTheRunIsOneLogLine() throws Exception {
        Task task = attempt(2, "{\"card\":\"PAYLOAD-NOT-LOGGED\"}");
        TaskAction logOnly = new TargetDelivery(TargetRules.STRICT, WEBHOOKS, QUEUES);
        Instant startedAt = DUE.plusMillis(1_500);

        Delivery delivery;
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.ofDelivery()) {
            delivery = logOnly.perform(task, startedAt);
            lines = logs.lines();
        }

        assertThat(delivery).isEqualTo(Delivery.succeeded(null));
        assertThat(lines)
                .containsExactly("INFO Task " + task.id() + " ran at 2030-01-01T10:00:01.750Z, 1500 ms after its"
                        + " timestamp 2030-01-01T10:00:00.250Z, attempt 2 (no target)");
        assertThat(runsSeen(task.id())).isEmpty();
    }

    @Test
    void aQueueTargetIsSentToWhenTheDeploymentAllowsIt() throws Exception {
        String queueUrl = createQueue("allowed-" + UUID.randomUUID());
        Task task = withTarget(attempt(1, "{\"n\":3}"), new QueueTarget(queueUrl));

        Delivery delivery = action.perform(task, DUE);

        assertThat(delivery).isEqualTo(Delivery.succeeded(null));
        assertThat(receive(queueUrl))
                .singleElement()
                .satisfies(message -> assertThat(message.body()).isEqualTo("{\"n\":3}"));
    }

    @Test
    void aQueueTheDeploymentDoesNotAllowIsRefusedAndNothingIsSent() throws Exception {
        String queueUrl = createQueue("other-" + UUID.randomUUID());
        Task task = withTarget(attempt(1, "{}"), new QueueTarget(queueUrl));

        Delivery delivery = action.perform(task, DUE);

        assertThat(delivery)
                .isEqualTo(Delivery.refused(
                        null, "the queue is not among the queues this deployment allows (TASKS_TARGET_QUEUES)"));
        assertThat(receive(queueUrl)).isEmpty();
    }

    @Test
    void theDefaultTargetsQueueIsAllowedWithoutBeingListed() {
        String queueUrl = createQueue("default-" + UUID.randomUUID());
        TargetRules defaultQueue = TargetRules.parse(null, null, "sqs:" + queueUrl);
        Task task = attempt(1, "{\"n\":4}");

        Delivery delivery = new TargetDelivery(defaultQueue, WEBHOOKS, QUEUES).perform(task, DUE);

        assertThat(delivery).isEqualTo(Delivery.succeeded(null));
        assertThat(receive(queueUrl))
                .singleElement()
                .satisfies(message -> assertThat(
                                message.messageAttributes().get("taskId").stringValue())
                        .isEqualTo(task.id().toString()));
    }

    @Test
    void aQueueTargetIsRefusedByARuntimeWithoutSqs() {
        String queueUrl = createQueue("allowed-" + UUID.randomUUID());
        Task task = withTarget(attempt(1, "{}"), new QueueTarget(queueUrl));

        Delivery delivery = new TargetDelivery(RULES, WEBHOOKS, null).perform(task, DUE);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(delivery.error()).isEqualTo("this runtime cannot send to SQS queues (it has no SQS client)");
        assertThat(receive(queueUrl)).isEmpty();
    }

    @Test
    void anUnexpectedErrorIsAFailureWorthRetrying() throws IOException {
        WebhookSender closed = new WebhookSender(RULES, SIGNER, new JdkHostResolver());
        closed.close();
        Task task = attempt(1, "{}");

        Delivery delivery = new TargetDelivery(RULES, closed, QUEUES).perform(task, DUE);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.error()).startsWith("delivery failed: ");
        assertThat(runsSeen(task.id())).isEmpty();
    }

    private static List<WebhookReceiver.Request> requestsFor(Task task, String path) {
        return RECEIVER.requests(path).stream()
                .filter(request -> task.id().toString().equals(request.header("webhook-id")))
                .toList();
    }

    private static Task withTarget(Task task, dev.tasksservice.domain.model.Target target) {
        return new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp(),
                task.startExecutionAt(),
                task.status(),
                task.lastUpdatedAt(),
                task.createdAt(),
                task.payload(),
                task.requestFingerprint(),
                task.executedAt(),
                task.attempts(),
                task.lastError(),
                target,
                task.retry(),
                task.history(),
                task.nextAttemptAt(),
                task.version());
    }

    private static String createQueue(String name) {
        return SQS.createQueue(request -> request.queueName(name).attributes(Map.of()))
                .queueUrl();
    }

    private static List<Message> receive(String queueUrl) {
        return SQS.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All"))
                .messages();
    }
}
