package dev.tasksservice.domain.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An SQS queue that receives the task's payload as the message body, with the task id and due time as message
 * attributes. A FIFO queue (its name ends in {@code .fifo}) gets the task id as deduplication id.
 *
 * @param queueUrl the queue's URL, as SQS gives it
 */
public record QueueTarget(String queueUrl) implements Target {

    public QueueTarget {
        Objects.requireNonNull(queueUrl, "queueUrl");
        URI uri;
        try {
            uri = new URI(queueUrl);
        } catch (URISyntaxException e) {
            throw new InvalidTaskException("queueUrl", "is not a valid URL: " + e.getReason());
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null
                || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new InvalidTaskException(
                    "queueUrl", "must be a queue URL such as https://sqs.<region>.amazonaws.com/<account>/<name>");
        }
    }

    @Override
    public String type() {
        return "sqs";
    }

    /** Whether the queue is a FIFO queue, which needs a message group and a deduplication id. */
    public boolean fifo() {
        return queueUrl.endsWith(".fifo");
    }
}
