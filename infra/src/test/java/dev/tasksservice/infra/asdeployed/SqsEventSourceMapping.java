package dev.tasksservice.infra.asdeployed;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lambda's SQS event source mapping with batch item failures reported: receives a batch from the queue, invokes the
 * consumer with the SQS event Lambda builds from it, and deletes the messages the consumer did not report as failed.
 */
final class SqsEventSourceMapping {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LambdaProcess consumer;

    SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, LambdaProcess consumer) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.consumer = consumer;
    }

    /** Receives what is in the queue (up to {@code batchSize}) and hands it to the consumer; answers the task ids. */
    List<String> deliverOnce(int batchSize) {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return List.of();
        }
        Invocation invocation = consumer.invoke(JSON.writeValueAsString(event(messages)));
        if (!invocation.ok()) {
            throw new AssertionError("the consumer failed: " + invocation);
        }
        Set<String> failed = new HashSet<>();
        JSON.readTree(invocation.body())
                .path("batchItemFailures")
                .forEach(failure -> failed.add(failure.get("itemIdentifier").asString()));
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages.stream().map(Message::body).toList();
    }

    private ObjectNode event(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> {
                ObjectNode attribute = messageAttributes.putObject(name);
                attribute.put("stringValue", value.stringValue());
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            });
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", CloudFormationTemplate.REGION);
        }
        return event;
    }
}
