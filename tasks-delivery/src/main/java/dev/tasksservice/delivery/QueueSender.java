package dev.tasksservice.delivery;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Delivers tasks to SQS targets: one message per attempt, the payload as its body (the literal {@code null} when
 * there is none), the task id and due time as message attributes. A FIFO queue gets the task id as message group and
 * deduplication id, so attempts within its deduplication interval land once. Throttling, 5xx answers and client-side
 * errors (timeouts, connection errors) are worth retrying; any other error (no such queue, access denied, invalid
 * request) is a refusal.
 */
public final class QueueSender {

    /** The message attribute that holds the task id. */
    public static final String TASK_ID_ATTRIBUTE = "taskId";

    /** The message attribute that holds the task's due time, as {@link Timestamps#format} writes it. */
    public static final String TIMESTAMP_ATTRIBUTE = "timestamp";

    private static final Logger log = LoggerFactory.getLogger(QueueSender.class);

    private final SqsClient sqs;

    public QueueSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Sends {@code task} to {@code target} once. */
    public Delivery send(Task task, QueueTarget target) {
        long began = System.nanoTime();
        Delivery delivery = deliver(task, target);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (delivery.error() == null) {
            log.info("Task {} sent to queue {} in {} ms", task.id(), target.queueUrl(), tookMs);
        } else {
            log.warn(
                    "Task {} not sent to queue {} ({}): {} in {} ms",
                    task.id(),
                    target.queueUrl(),
                    delivery.outcome(),
                    delivery.error(),
                    tookMs);
        }
        return delivery;
    }

    private Delivery deliver(Task task, QueueTarget target) {
        String id = task.id().toString();
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(target.queueUrl())
                .messageBody(task.payloadJson().orElse("null"))
                .messageAttributes(Map.of(
                        TASK_ID_ATTRIBUTE, text(id),
                        TIMESTAMP_ATTRIBUTE, text(Timestamps.format(task.timestamp()))));
        if (target.fifo()) {
            request.messageGroupId(id).messageDeduplicationId(id);
        }
        try {
            sqs.sendMessage(request.build());
            return Delivery.succeeded(null);
        } catch (AwsServiceException e) {
            String error = "SQS answered " + e.statusCode() + " " + errorCode(e) + ": "
                    + e.awsErrorDetails().errorMessage();
            return e.isThrottlingException() || e.statusCode() >= 500
                    ? Delivery.failed(error)
                    : Delivery.refused(null, error);
        } catch (SdkClientException e) {
            return Delivery.failed("could not reach SQS: " + e.getMessage());
        } catch (SdkException e) {
            return Delivery.failed("SQS failed: " + e.getMessage());
        }
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
