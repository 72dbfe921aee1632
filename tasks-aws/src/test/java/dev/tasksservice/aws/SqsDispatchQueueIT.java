package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The dispatch queue and its queues against the SQS API served by ElasticMQ, one fresh queue per test. */
class SqsDispatchQueueIT {

    private static final SqsClient SQS = ElasticMqServer.shared().client();
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private TaskQueue queue;
    private String queueUrl;

    @BeforeEach
    void createQueue() {
        queue = new TaskQueue("tasksQueue-it-" + UUID.randomUUID());
        queueUrl = queue.createIfMissing(SQS);
    }

    @Test
    void sendsOneMessagePerTaskWithTheTaskIdAndItsTimestamp() {
        List<Task> tasks = tasks(25);

        List<UUID> failed = new SqsDispatchQueue(SQS, queueUrl).send(tasks);

        assertThat(failed).isEmpty();
        List<Message> messages = receive(25);
        assertThat(messages)
                .extracting(message -> SqsTaskMessages.taskId(message.body()))
                .containsExactlyInAnyOrderElementsOf(
                        tasks.stream().map(Task::id).toList());
        Map<UUID, Task> byId = tasks.stream().collect(Collectors.toMap(Task::id, Function.identity()));
        assertThat(messages)
                .allSatisfy(message -> assertThat(
                                message.messageAttributes().get("timestamp").stringValue())
                        .isEqualTo(Timestamps.format(
                                byId.get(SqsTaskMessages.taskId(message.body())).timestamp())));
    }

    @Test
    void sendingNothingSendsNothing() {
        assertThat(new SqsDispatchQueue(SQS, queueUrl).send(List.of())).isEmpty();
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void everyTaskFailsWhenTheQueueDoesNotExist() {
        List<Task> tasks = tasks(12);
        String missingQueueUrl = queueUrl.replace(queue.name(), "tasksQueue-missing-" + UUID.randomUUID());

        List<UUID> failed = new SqsDispatchQueue(SQS, missingQueueUrl).send(tasks);

        assertThat(failed)
                .containsExactlyElementsOf(tasks.stream().map(Task::id).toList());
    }

    @Test
    void creatingTheQueueAgainAnswersTheSameQueue() {
        assertThat(queue.createIfMissing(SQS)).isEqualTo(queueUrl);
        assertThat(SQS.listQueues(request -> request.queueNamePrefix(queue.name()))
                        .queueUrls())
                .containsExactlyInAnyOrder(queueUrl, urlOf(queue.name() + "-dlq"));
    }

    @Test
    void theQueueHasItsVisibilityTimeoutAndRedrivesToItsDeadLetterQueue() {
        Map<QueueAttributeName, String> attributes = attributes(queueUrl);
        Map<QueueAttributeName, String> deadLetterAttributes = attributes(urlOf(queue.deadLetterQueueName()));

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo("180"); // as deployed: six times the consumer's 30 s timeout
        String redrivePolicy = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        assertThat(jsonField(redrivePolicy, "deadLetterTargetArn"))
                .isEqualTo(deadLetterAttributes.get(QueueAttributeName.QUEUE_ARN));
        assertThat(jsonField(redrivePolicy, "maxReceiveCount")).isEqualTo("3");
    }

    @Test
    void aMessageReceivedThreeTimesWithoutBeingDeletedMovesToTheDeadLetterQueue() {
        Task task = tasks(1).getFirst();
        assertThat(new SqsDispatchQueue(SQS, queueUrl).send(List.of(task))).isEmpty();

        for (int receive = 1; receive <= 3; receive++) {
            assertThat(receiveOnceVisibleAgain(queueUrl)).hasSize(1);
        }

        assertThat(receiveOnceVisibleAgain(queueUrl)).isEmpty();
        assertThat(receiveOnceVisibleAgain(urlOf(queue.deadLetterQueueName())))
                .singleElement()
                .satisfies(message ->
                        assertThat(SqsTaskMessages.taskId(message.body())).isEqualTo(task.id()));
    }

    private static List<Task> tasks(int count) {
        return IntStream.range(0, count)
                .mapToObj(index -> {
                    Instant due = NOW.plus(Duration.ofSeconds(60 + index)).plusMillis(index);
                    return Task.scheduled(
                            UUID.randomUUID(), TenantId.DEFAULT, due, due.getEpochSecond() - 120, NOW, null, null);
                })
                .toList();
    }

    /** Receives until {@code expected} messages came or the queue stays empty for a second. */
    @Test
    void aHeldTaskIsDeliveredNoLaterThanTheLeadBeforeItsTimeAndNotBeforeItsDelay() {
        Instant start = Instant.now();
        Task soon = dueAt(start.plusSeconds(7));
        Task past = dueAt(start.minusSeconds(30));
        Task inAnHour = dueAt(start.plusSeconds(3600));
        SqsDispatchQueue held = new SqsDispatchQueue(SQS, queueUrl, Clock.systemUTC(), Duration.ofSeconds(5));

        assertThat(held.send(List.of(soon, past, inAnHour))).isEmpty();

        List<Message> first = SQS.receiveMessage(request ->
                        request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(first)
                .as("a task already due is not held")
                .extracting(message -> SqsTaskMessages.taskId(message.body()))
                .containsExactly(past.id());
        List<Message> next = SQS.receiveMessage(request ->
                        request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(10))
                .messages();
        Instant receivedAt = Instant.now();
        assertThat(next)
                .extracting(message -> SqsTaskMessages.taskId(message.body()))
                .containsExactly(soon.id());
        assertThat(receivedAt)
                .as("held until 5 s before its time, in whole seconds")
                .isAfterOrEqualTo(start.plusSeconds(1))
                .isBefore(soon.timestamp());
        assertThat(SQS.getQueueAttributes(request -> request.queueUrl(queueUrl)
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .as("a task an hour away is held the 15 minutes SQS allows")
                .isEqualTo("1");
    }

    private static Task dueAt(Instant timestamp) {
        return Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                timestamp,
                timestamp.getEpochSecond() - 120,
                timestamp,
                null,
                null);
    }

    private List<Message> receive(int expected) {
        List<Message> received = new ArrayList<>();
        while (true) {
            List<Message> batch = SQS.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(received.size() < expected ? 5 : 1))
                    .messages();
            if (batch.isEmpty()) {
                return received;
            }
            received.addAll(batch);
        }
    }

    /** One receive that leaves the message visible at once, as if its consumer had failed. */
    private static List<Message> receiveOnceVisibleAgain(String url) {
        return SQS.receiveMessage(request -> request.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .waitTimeSeconds(1))
                .messages();
    }

    private static Map<QueueAttributeName, String> attributes(String url) {
        return SQS.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();
    }

    private static String urlOf(String queueName) {
        return SQS.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
    }

    private static String jsonField(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]*)\"?")
                .matcher(json);
        assertThat(matcher.find()).as("%s has the field %s", json, name).isTrue();
        return matcher.group(1);
    }
}
