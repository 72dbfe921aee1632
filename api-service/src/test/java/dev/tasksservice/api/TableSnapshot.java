package dev.tasksservice.api;

import dev.tasksservice.aws.DynaliteServer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every task of a table (its id, status, version, due and last update times), read from DynamoDB itself, so a test can tell that a refused request left the table as
 * it was: no task added, none changed.
 */
record TableSnapshot(Set<Map<String, AttributeValue>> items) {

    static TableSnapshot of(String table) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        DynaliteServer.shared()
                .client()
                .scanPaginator(ScanRequest.builder()
                        .tableName(table)
                        // What any change of a task changes, without its (up to 64 KiB) payload.
                        .projectionExpression("id, taskStatus, version, lastUpdatedAt, #due")
                        .expressionAttributeNames(Map.of("#due", "timestamp"))
                        .build())
                .items()
                .forEach(items::add);
        return new TableSnapshot(Set.copyOf(items));
    }

    int size() {
        return items.size();
    }
}
