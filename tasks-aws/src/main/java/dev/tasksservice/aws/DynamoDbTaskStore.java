package dev.tasksservice.aws;

import dev.tasksservice.domain.StatusChange;
import dev.tasksservice.domain.Task;
import dev.tasksservice.domain.TaskAlreadyExistsException;
import dev.tasksservice.domain.TaskNotFoundException;
import dev.tasksservice.domain.TaskPage;
import dev.tasksservice.domain.TaskStatus;
import dev.tasksservice.domain.TaskStatusConflictException;
import dev.tasksservice.domain.TaskStore;
import dev.tasksservice.domain.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Tasks in a DynamoDB table. Every write is a single-item conditional write, so no transaction is needed. */
public class DynamoDbTaskStore implements TaskStore {

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;

    public DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Task task) {
        try {
            dynamoDb.putItem(request -> request.tableName(table.name())
                    .item(TaskItem.toItem(task))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", TaskItem.ID)));
        } catch (ConditionalCheckFailedException e) {
            throw new TaskAlreadyExistsException(task.id());
        }
    }

    @Override
    public Optional<Task> find(UUID id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request ->
                        request.tableName(table.name()).key(TaskItem.key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(TaskItem.fromItem(item));
    }

    @Override
    public Task move(StatusChange change) {
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table.name())
                            .key(TaskItem.key(change.taskId()))
                            .updateExpression("SET #status = :to, #updated = :at")
                            .conditionExpression("#status = :from")
                            .expressionAttributeNames(
                                    Map.of("#status", TaskItem.STATUS, "#updated", TaskItem.LAST_UPDATED_AT))
                            .expressionAttributeValues(Map.of(
                                    ":to", TaskItem.s(change.to().name()),
                                    ":from", TaskItem.s(change.from().name()),
                                    ":at", TaskItem.s(Timestamps.format(change.at()))))
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes();
            return TaskItem.fromItem(updated);
        } catch (ConditionalCheckFailedException e) {
            Task current = find(change.taskId()).orElseThrow(() -> new TaskNotFoundException(change.taskId()));
            throw new TaskStatusConflictException(change, current);
        }
    }

    @Override
    public List<Task> findDue(Instant instant) {
        QueryRequest due = QueryRequest.builder()
                .tableName(table.name())
                .indexName(TaskTable.STATUS_INDEX)
                .keyConditionExpression("#status = :status AND #start <= :now")
                .expressionAttributeNames(Map.of("#status", TaskItem.STATUS, "#start", TaskItem.START_EXECUTION_AT))
                .expressionAttributeValues(Map.of(
                        ":status", TaskItem.s(TaskStatus.SCHEDULED.name()),
                        ":now", TaskItem.n(instant.getEpochSecond())))
                .build();
        return dynamoDb.queryPaginator(due).items().stream()
                .map(TaskItem::fromItem)
                .toList();
    }

    @Override
    public TaskPage listByStatus(TaskStatus status, int limit, String cursor) {
        // One item more than asked tells whether another page exists, so the last page carries no cursor.
        QueryRequest.Builder page = QueryRequest.builder()
                .tableName(table.name())
                .indexName(TaskTable.STATUS_INDEX)
                .keyConditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", TaskItem.STATUS))
                .expressionAttributeValues(Map.of(":status", TaskItem.s(status.name())))
                .limit(limit + 1);
        if (cursor != null) {
            page.exclusiveStartKey(PageCursor.decode(cursor, status));
        }
        QueryResponse response = dynamoDb.query(page.build());
        List<Task> items =
                response.items().stream().limit(limit).map(TaskItem::fromItem).toList();
        String next = null;
        if (response.items().size() > limit) {
            next = PageCursor.after(items.get(items.size() - 1));
        } else if (response.hasLastEvaluatedKey()
                && !response.lastEvaluatedKey().isEmpty()) {
            // The query stopped at its 1 MB page size before reaching the limit.
            next = PageCursor.after(
                    TaskItem.fromItem(response.items().get(response.items().size() - 1)));
        }
        return new TaskPage(items, next);
    }
}
