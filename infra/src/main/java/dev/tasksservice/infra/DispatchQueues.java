package dev.tasksservice.infra;

import dev.tasksservice.schema.DispatchQueueSchema;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The queue of due tasks between the poller and the consumer, and its dead-letter queue, which takes a message after
 * {@value DispatchQueueSchema#MAX_RECEIVE_COUNT} receives that did not delete it, so one bad message cannot block the consumer forever.
 */
public class DispatchQueues extends Construct {

    private final Queue queue;
    private final Queue deadLetterQueue;

    public DispatchQueues(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .queueName(names.deadLetterQueue())
                .retentionPeriod(Duration.seconds(DispatchQueueSchema.DEAD_LETTER_RETENTION.toSeconds()))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .queueName(names.queue())
                .visibilityTimeout(Duration.seconds(DispatchQueueSchema.VISIBILITY_TIMEOUT.toSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(DispatchQueueSchema.MAX_RECEIVE_COUNT)
                        .build())
                .build();
    }

    public Queue queue() {
        return queue;
    }

    /** Where a message goes that was received too often: a task that could not start. */
    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * Lets {@code grantee} send to the queue, and nothing else ({@code grantSendMessages} adds reading the queue's
     * attributes). SendMessageBatch is authorised by {@code sqs:SendMessage}.
     */
    public void grantSend(IGrantable grantee) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("sqs:SendMessage"))
                        .resources(List.of(queue.getQueueArn()))
                        .build());
    }
}
