package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A task as a DynamoDB item, in the seed's schema (timestamp S, startExecutionAt N, taskStatus S, lastUpdatedAt S). */
final class TaskItem {

    static final String ID = "id";
    static final String TIMESTAMP = "timestamp";
    static final String START_EXECUTION_AT = "startExecutionAt";
    static final String STATUS = "taskStatus";
    static final String LAST_UPDATED_AT = "lastUpdatedAt";
    static final String CREATED_AT = "createdAt";
    static final String PAYLOAD = "payload";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String EXECUTED_AT = "executedAt";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "lastError";

    private TaskItem() {}

    static Map<String, AttributeValue> key(UUID id) {
        return Map.of(ID, s(id.toString()));
    }

    static Map<String, AttributeValue> toItem(Task task) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(task.id().toString()));
        item.put(TIMESTAMP, s(Timestamps.format(task.timestamp())));
        item.put(START_EXECUTION_AT, n(task.startExecutionAt()));
        item.put(STATUS, s(task.status().name()));
        item.put(LAST_UPDATED_AT, s(Timestamps.format(task.lastUpdatedAt())));
        item.put(CREATED_AT, s(Timestamps.format(task.createdAt())));
        item.put(ATTEMPTS, n(task.attempts()));
        putIfPresent(item, PAYLOAD, task.payload());
        putIfPresent(item, REQUEST_FINGERPRINT, task.requestFingerprint());
        putIfPresent(item, EXECUTED_AT, task.executedAt() == null ? null : Timestamps.format(task.executedAt()));
        putIfPresent(item, LAST_ERROR, task.lastError());
        return item;
    }

    static Task fromItem(Map<String, AttributeValue> item) {
        return new Task(
                UUID.fromString(item.get(ID).s()),
                instant(item, TIMESTAMP),
                Long.parseLong(item.get(START_EXECUTION_AT).n()),
                TaskStatus.valueOf(item.get(STATUS).s()),
                instant(item, LAST_UPDATED_AT),
                instant(item, CREATED_AT),
                string(item, PAYLOAD),
                string(item, REQUEST_FINGERPRINT),
                item.containsKey(EXECUTED_AT) ? instant(item, EXECUTED_AT) : null,
                item.containsKey(ATTEMPTS) ? Integer.parseInt(item.get(ATTEMPTS).n()) : 0,
                string(item, LAST_ERROR));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Timestamps.parse(item.get(name).s());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
