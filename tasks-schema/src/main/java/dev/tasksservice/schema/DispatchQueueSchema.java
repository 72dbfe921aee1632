package dev.tasksservice.schema;

import java.time.Duration;

/**
 * The queue of due tasks between the poller and the consumer, and its dead-letter queue, which takes a message after
 * {@value #MAX_RECEIVE_COUNT} receives that did not delete it, so one bad message cannot block the consumer forever.
 * Tasks Service creates them locally and the stack deploys them, both from this definition.
 */
public final class DispatchQueueSchema {

    public static final int MAX_RECEIVE_COUNT = 3;

    /** How long the consumer may take over one batch (its Lambda timeout). */
    public static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(30);

    /**
     * AWS advises a visibility timeout of six times the consumer's timeout, which leaves Lambda time to retry a batch it
     * was throttled on before the messages show again and count another receive towards the dead-letter queue.
     */
    public static final Duration VISIBILITY_TIMEOUT = CONSUMER_TIMEOUT.multipliedBy(6);

    /** As long as SQS keeps a message: time to look at what failed. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    private DispatchQueueSchema() {}

    /** {@code tasksQueue-{stage}}. */
    public static String queueName(String stage) {
        return "tasksQueue-" + stage;
    }

    /** {@code tasksQueue-{stage}-dlq}. */
    public static String deadLetterQueueName(String stage) {
        return deadLetterQueueOf(queueName(stage));
    }

    /** The dead-letter queue of the queue named {@code queueName}: {@code {queueName}-dlq}. */
    public static String deadLetterQueueOf(String queueName) {
        return queueName + "-dlq";
    }
}
