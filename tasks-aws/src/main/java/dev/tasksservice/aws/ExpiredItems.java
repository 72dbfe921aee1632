package dev.tasksservice.aws;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Removes expired items where DynamoDB's time to live does not (dynalite has none): a scan of the table keeping the
 * items whose {@code expiresAt} has come, read in pages up to a budget of items looked at, and a conditional delete of
 * each. A run that stops on its budget leaves its position for the next run, so a large table is worked through over
 * several runs; a run that reaches the end lets the next start from the beginning. Meant for a local table: on AWS the
 * time to live costs no reads at all.
 */
final class ExpiredItems {

    /** The most items one scan page looks at. */
    private static final int MAX_PAGE = 1000;

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;
    private final AtomicReference<Map<String, AttributeValue>> resumeAt = new AtomicReference<>();

    ExpiredItems(DynamoDbClient dynamoDb, TaskTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    int remove(Instant now, int budget) {
        AttributeValue nowValue = TaskItem.n(now.getEpochSecond());
        Map<String, AttributeValue> start = resumeAt.getAndSet(null);
        int looked = 0;
        int removed = 0;
        while (looked < budget) {
            ScanRequest.Builder scan = ScanRequest.builder()
                    .tableName(table.name())
                    .filterExpression("#expiresAt <= :now")
                    .projectionExpression("#id, #expiresAt")
                    .expressionAttributeNames(Map.of("#id", TaskItem.ID, "#expiresAt", TaskItem.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", nowValue))
                    .limit(Math.min(MAX_PAGE, budget - looked));
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(scan.build());
            looked += page.scannedCount();
            for (Map<String, AttributeValue> item : page.items()) {
                removed += delete(item) ? 1 : 0;
            }
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return removed;
            }
            start = page.lastEvaluatedKey();
        }
        resumeAt.set(start);
        return removed;
    }

    /** Deletes the item unless its expiry changed since the scan read it. */
    private boolean delete(Map<String, AttributeValue> item) {
        try {
            dynamoDb.deleteItem(request -> request.tableName(table.name())
                    .key(Map.of(TaskItem.ID, item.get(TaskItem.ID)))
                    .conditionExpression("#expiresAt = :seen")
                    .expressionAttributeNames(Map.of("#expiresAt", TaskItem.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":seen", item.get(TaskItem.EXPIRES_AT))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }
}
