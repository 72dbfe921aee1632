package dev.tasksservice.aws;

import dev.tasksservice.schema.DispatchQueueSchema;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The dispatch queue and its dead-letter queue as {@link DispatchQueueSchema} defines them (the stack deploys the same
 * definition) {@code {name}-dlq}, which takes a message after
 * {@value DispatchQueueSchema#MAX_RECEIVE_COUNT} receives that did not delete it, so one bad message cannot block the consumer forever.
 */
public record TaskQueue(String name) {

    public static TaskQueue forStage(String stage) {
        return new TaskQueue(DispatchQueueSchema.queueName(stage));
    }

    public String deadLetterQueueName() {
        return DispatchQueueSchema.deadLetterQueueOf(name);
    }

    /** Creates the queue and its dead-letter queue unless the queue exists; answers the queue's URL. */
    public String createIfMissing(SqsClient sqs) {
        String existing = urlOf(sqs, name);
        if (existing != null) {
            return existing;
        }
        String deadLetterUrl = create(
                sqs,
                deadLetterQueueName(),
                Map.of(
                        QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                        Long.toString(DispatchQueueSchema.DEAD_LETTER_RETENTION.toSeconds())));
        String deadLetterArn = sqs.getQueueAttributes(
                        request -> request.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        // CreateQueue with the same attributes answers the existing queue, so a concurrent creator is harmless.
        return create(
                sqs,
                name,
                Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                                Long.toString(DispatchQueueSchema.VISIBILITY_TIMEOUT.toSeconds()),
                        QueueAttributeName.REDRIVE_POLICY, redrivePolicy(deadLetterArn)));
    }

    private static String redrivePolicy(String deadLetterArn) {
        return "{\"deadLetterTargetArn\":" + Json.string(deadLetterArn) + ",\"maxReceiveCount\":"
                + DispatchQueueSchema.MAX_RECEIVE_COUNT + "}";
    }

    private static String urlOf(SqsClient sqs, String queueName) {
        try {
            return sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return null;
        }
    }

    private static String create(SqsClient sqs, String queueName, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(request -> request.queueName(queueName).attributes(attributes))
                .queueUrl();
    }
}
