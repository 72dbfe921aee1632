package dev.tasksservice.aws;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.port.out.FindDueTasks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The due tasks as the table itself has them, read by a scan rather than through the due index. For recovery on a
 * local table only: dynalite writes an item and its index entries one after the other, so a server stopped in between
 * can leave a task with no index entry at all, which nothing reading the index would ever find again. DynamoDB writes
 * both as one; on AWS the index is enough, and a scan would cost a read of every item.
 *
 * <p>Unlike the store's {@link DynamoDbTaskStore#findDue}, pages come in the table's order, not the order tasks become
 * due, and {@code limit} bounds the items a page looks at, so a page often holds fewer tasks, or none.
 */
public final class ScannedDueTasks implements FindDueTasks {

    private static final String CURSOR_PREFIX = "scan|";

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;

    public ScannedDueTasks(DynamoDbClient dynamoDb, TaskTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        if (!TaskItem.inDueIndex(status)) {
            throw new IllegalArgumentException("Only SCHEDULED and IN_PROGRESS tasks become due, not " + status);
        }
        ScanRequest.Builder scan = ScanRequest.builder()
                .tableName(table.name())
                .consistentRead(true)
                .filterExpression("#status = :status AND #start <= :instant")
                .expressionAttributeNames(Map.of("#status", TaskItem.STATUS, "#start", TaskItem.START_EXECUTION_AT))
                .expressionAttributeValues(
                        Map.of(":status", TaskItem.s(status.name()), ":instant", TaskItem.n(instant.getEpochSecond())))
                .limit(limit);
        if (cursor != null) {
            scan.exclusiveStartKey(TaskItem.key(idIn(cursor)));
        }
        ScanResponse page = dynamoDb.scan(scan.build());
        List<Task> tasks = page.items().stream().map(TaskItem::fromItem).toList();
        return new TaskPage(tasks, nextCursor(page));
    }

    private static String nextCursor(ScanResponse page) {
        if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
            return null;
        }
        AttributeValue id = page.lastEvaluatedKey().get(TaskItem.ID);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + id.s()).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID idIn(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new InvalidCursorException();
            }
            return UUID.fromString(text.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
