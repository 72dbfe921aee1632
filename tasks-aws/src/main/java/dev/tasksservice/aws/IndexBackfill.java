package dev.tasksservice.aws;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The one-off step of the move to the sharded indexes: gives every item its index keys ({@code tenantShard},
 * {@code statusStart}, and {@code dueShard} while it is live) as its id, tenant, status and startExecutionAt say, where
 * they are missing (written before the indexes) or wrong (changed by the code before them after an earlier run). Each
 * item is updated on the condition that its status and startExecutionAt are still the ones read, so a change made
 * meanwhile (which sets the keys itself) is never overwritten; an item skipped that way is taken by the next run. Run
 * it until it reports none skipped: {@code java -cp <the API's Lambda jar> dev.tasksservice.aws.IndexBackfill
 * <stage>}, with the AWS credentials and region of the stage.
 */
public final class IndexBackfill {

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;

    public IndexBackfill(DynamoDbClient dynamoDb, TaskTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: IndexBackfill <stage>");
            System.exit(2);
        }
        try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            Report report = new IndexBackfill(dynamoDb, TaskTable.forStage(args[0])).run();
            System.out.println(report);
            System.exit(report.skipped() == 0 ? 0 : 1);
        }
    }

    /** Walks the whole table once. */
    public Report run() {
        Map<String, AttributeValue> start = null;
        int scanned = 0;
        int updated = 0;
        int skipped = 0;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table.name());
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(scan.build());
            scanned += page.scannedCount();
            for (Map<String, AttributeValue> item : page.items()) {
                if (hasItsKeys(item)) {
                    continue;
                }
                if (addKeys(item)) {
                    updated++;
                } else {
                    skipped++;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Report(scanned, updated, skipped);
    }

    private static boolean hasItsKeys(Map<String, AttributeValue> item) {
        var task = TaskItem.fromItem(item);
        AttributeValue due =
                TaskItem.inDueIndex(task.status()) ? TaskItem.s(TaskItem.dueShard(task.status(), task.id())) : null;
        return TaskItem.s(TaskItem.tenantShard(task.tenant(), task.id())).equals(item.get(TaskItem.TENANT_SHARD))
                && TaskItem.n(TaskItem.statusOffset(task.status()) + task.startExecutionAt())
                        .equals(item.get(TaskItem.STATUS_START))
                && java.util.Objects.equals(due, item.get(TaskItem.DUE_SHARD));
    }

    private boolean addKeys(Map<String, AttributeValue> item) {
        var task = TaskItem.fromItem(item);
        ItemUpdate update = new ItemUpdate()
                .set(TaskItem.TENANT_SHARD, TaskItem.s(TaskItem.tenantShard(task.tenant(), task.id())))
                .set(TaskItem.STATUS_START, TaskItem.n(TaskItem.statusOffset(task.status()) + task.startExecutionAt()))
                .setOrRemove(
                        TaskItem.DUE_SHARD,
                        TaskItem.inDueIndex(task.status()) ? TaskItem.dueShard(task.status(), task.id()) : null);
        update.condition(update.name(TaskItem.STATUS) + " = " + update.value("seenStatus", item.get(TaskItem.STATUS)))
                .condition(update.name(TaskItem.START_EXECUTION_AT) + " = "
                        + update.value("seenStart", item.get(TaskItem.START_EXECUTION_AT)));
        try {
            dynamoDb.updateItem(request -> request.tableName(table.name())
                    .key(TaskItem.key(task.id()))
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    /**
     * @param scanned items looked at
     * @param updated items given their index keys (the others had them)
     * @param skipped items that changed while the run looked at them: run again
     */
    public record Report(int scanned, int updated, int skipped) {}
}
