package dev.tasksservice.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Builds the SQS event Lambda would pass for received messages: the same fields AWS fills in. */
final class LambdaSqsEvents {

    private LambdaSqsEvents() {}

    static SQSEvent of(List<Message> messages, String queueUrl) {
        String queueArn = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        SQSEvent event = new SQSEvent();
        event.setRecords(
                messages.stream().map(message -> record(message, queueArn)).toList());
        return event;
    }

    private static SQSEvent.SQSMessage record(Message message, String queueArn) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setAttributes(new HashMap<>(message.attributesAsStrings()));
        record.setMessageAttributes(attributes(message.messageAttributes()));
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }

    private static Map<String, SQSEvent.MessageAttribute> attributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            attributes.put(name, attribute);
        });
        return attributes;
    }
}
