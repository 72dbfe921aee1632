package dev.tasksservice.client;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SQS queue that receives the task's payload as the message body when the task falls due. The deployment names the
 * queues a task may send to; another is refused with an {@link InvalidTaskRequestException} naming
 * {@code target.queueUrl}.
 *
 * @param queueUrl the queue's URL, as SQS gives it: {@code https://sqs.<region>.amazonaws.com/<account>/<name>}
 */
public record QueueTarget(String queueUrl) implements Target {

    public QueueTarget {
        Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public String type() {
        return "sqs";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", type());
        json.put("queueUrl", queueUrl);
        return json;
    }
}
