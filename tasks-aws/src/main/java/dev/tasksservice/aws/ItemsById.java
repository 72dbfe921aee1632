package dev.tasksservice.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items by id in batches (BatchGetItem, 100 keys a call), as the indexes hold only keys. Eventually consistent:
 * half the read cost, and what the index gave is no fresher anyway. Keys DynamoDB leaves unprocessed (throttled) are
 * asked for again after a pause; an id with no item (expired meanwhile) is simply absent from the answer.
 */
final class ItemsById {

    private static final int BATCH = 100;
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    ItemsById(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    Map<UUID, Map<String, AttributeValue>> read(List<UUID> ids) {
        Map<UUID, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (UUID id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                keys.add(TaskItem.key(id));
            }
            readBatch(keys, found);
        }
        return found;
    }

    private void readBatch(List<Map<String, AttributeValue>> keys, Map<UUID, Map<String, AttributeValue>> found) {
        Map<String, KeysAndAttributes> request =
                Map.of(tableName, KeysAndAttributes.builder().keys(keys).build());
        for (int attempt = 1; ; attempt++) {
            Map<String, KeysAndAttributes> asked = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(batch -> batch.requestItems(asked));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                found.put(UUID.fromString(item.get(TaskItem.ID).s()), item);
            }
            KeysAndAttributes left = response.unprocessedKeys().get(tableName);
            if (left == null || left.keys().isEmpty()) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(left.keys().size() + " task(s) could not be read from " + tableName
                        + " after " + ATTEMPTS + " attempts");
            }
            request = Map.of(tableName, left);
            pause(attempt);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading tasks", e);
        }
    }
}
