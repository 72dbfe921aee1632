package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Tasks sent to queues served by ElasticMQ, one fresh queue per test. */
@Timeout(60)
class QueueSenderIT {

    private static final SqsClient SQS = ElasticMqServer.shared().client();
    private static final QueueSender SENDER = new QueueSender(SQS);

    @Test
    void aTaskBecomesOneMessageWithItsPayloadIdAndDueTime() {
        QueueTarget target = new QueueTarget(createQueue("tasks-target-" + UUID.randomUUID(), false));
        String payload = "{\"orderId\":42,\"note\":\"ü\"}";
        Task task = Tasks.due(payload, target);

        Delivery delivery = SENDER.send(task, target);

        assertThat(delivery).isEqualTo(Delivery.succeeded(null));
        Message message = receiveOne(target.queueUrl());
        assertThat(message.body()).isEqualTo(payload);
        assertThat(message.messageAttributes().get("taskId").dataType()).isEqualTo("String");
        assertThat(message.messageAttributes().get("taskId").stringValue())
                .isEqualTo(task.id().toString());
        assertThat(message.messageAttributes().get("timestamp").stringValue())
                .isEqualTo(Timestamps.format(task.timestamp()));
    }

    @Test
    void aTaskWithoutPayloadSendsTheLiteralNull() {
        QueueTarget target = new QueueTarget(createQueue("tasks-target-" + UUID.randomUUID(), false));

        SENDER.send(Tasks.due(null, target), target);

        assertThat(receiveOne(target.queueUrl()).body()).isEqualTo("null");
    }

    @Test
    void aFifoQueueGetsTheTaskIdAsGroupAndDeduplicationIdSoARepeatLandsOnce() {
        QueueTarget target = new QueueTarget(createQueue("tasks-target-" + UUID.randomUUID() + ".fifo", true));
        Task task = Tasks.due("{\"n\":1}", target);

        assertThat(SENDER.send(task, target).outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        assertThat(SENDER.send(task.withAttempt(2, task.timestamp()), target).outcome())
                .isEqualTo(AttemptOutcome.SUCCEEDED);

        List<Message> messages = SQS.receiveMessage(request -> request.queueUrl(target.queueUrl())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.MESSAGE_GROUP_ID,
                                MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .messages();
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.attributes())
                    .containsEntry(
                            MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            task.id().toString())
                    .containsEntry(
                            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                            task.id().toString());
            assertThat(message.messageAttributes().get("taskId").stringValue())
                    .isEqualTo(task.id().toString());
        });
    }

    @Test
    void aMissingQueueIsARefusal() {
        String existing = createQueue("tasks-target-" + UUID.randomUUID(), false);
        QueueTarget missing = new QueueTarget(existing.replaceAll("/[^/]+$", "/tasks-missing-" + UUID.randomUUID()));

        Delivery delivery = SENDER.send(Tasks.due("{}", missing), missing);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(delivery.httpStatus()).isNull();
        assertThat(delivery.error()).startsWith("SQS answered 400").containsIgnoringCase("queue");
    }

    private static String createQueue(String name, boolean fifo) {
        return SQS.createQueue(request -> request.queueName(name)
                        .attributes(fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of()))
                .queueUrl();
    }

    private static Message receiveOne(String queueUrl) {
        List<Message> messages = SQS.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All"))
                .messages();
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }
}
