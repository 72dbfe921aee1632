package dev.tasksservice.aws;

import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Target;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A task's target as one DynamoDB map: {@code {type: "http", url, method, headers: {name: value}, timeoutMs}} or
 * {@code {type: "sqs", queueUrl}}. The type names are the ones clients use.
 */
final class TargetAttribute {

    static final String TYPE = "type";
    static final String URL = "url";
    static final String METHOD = "method";
    static final String HEADERS = "headers";
    static final String TIMEOUT_MS = "timeoutMs";
    static final String QUEUE_URL = "queueUrl";

    private static final String HTTP = "http";
    private static final String SQS = "sqs";

    private TargetAttribute() {}

    static AttributeValue of(Target target) {
        Map<String, AttributeValue> map = new HashMap<>();
        switch (target) {
            case HttpTarget http -> {
                map.put(TYPE, TaskItem.s(HTTP));
                map.put(URL, TaskItem.s(http.url().toString()));
                map.put(METHOD, TaskItem.s(http.method()));
                map.put(
                        HEADERS,
                        AttributeValue.fromM(http.headers().entrySet().stream()
                                .collect(
                                        Collectors.toMap(Map.Entry::getKey, header -> TaskItem.s(header.getValue())))));
                map.put(TIMEOUT_MS, TaskItem.n(http.timeout().toMillis()));
            }
            case QueueTarget queue -> {
                map.put(TYPE, TaskItem.s(SQS));
                map.put(QUEUE_URL, TaskItem.s(queue.queueUrl()));
            }
        }
        return AttributeValue.fromM(map);
    }

    static Target from(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        String type = map.get(TYPE).s();
        return switch (type) {
            case HTTP ->
                new HttpTarget(
                        URI.create(map.get(URL).s()),
                        map.get(METHOD).s(),
                        map.containsKey(HEADERS)
                                ? map.get(HEADERS).m().entrySet().stream()
                                        .collect(Collectors.toMap(
                                                Map.Entry::getKey,
                                                header -> header.getValue().s()))
                                : Map.of(),
                        Duration.ofMillis(Long.parseLong(map.get(TIMEOUT_MS).n())));
            case SQS -> new QueueTarget(map.get(QUEUE_URL).s());
            default -> throw new IllegalStateException("Unknown target type in the task item: " + type);
        };
    }
}
