package dev.tasksservice.aws;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.schema.TasksTableSchema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
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
        Map<String, String> names =
                new HashMap<>(Map.of("#status", TaskItem.STATUS, "#updated", TaskItem.LAST_UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":to", TaskItem.s(change.to().name()),
                ":from", TaskItem.s(change.from().name()),
                ":at", TaskItem.s(Timestamps.format(change.at()))));
        StringBuilder update = new StringBuilder("SET #status = :to, #updated = :at");
        String condition = "#status = :from";
        if (change.executedAt() != null) {
            update.append(", #executedAt = :executedAt");
            names.put("#executedAt", TaskItem.EXECUTED_AT);
            values.put(":executedAt", TaskItem.s(Timestamps.format(change.executedAt())));
        }
        if (change.error() != null) {
            update.append(", #error = :error");
            names.put("#error", TaskItem.LAST_ERROR);
            values.put(":error", TaskItem.s(change.error()));
        }
        if (change.expectedAttempts() != null) {
            condition += " AND #attempts = :expectedAttempts";
            names.put("#attempts", TaskItem.ATTEMPTS);
            values.put(":expectedAttempts", TaskItem.n(change.expectedAttempts()));
        }
        return conditionalUpdate(change.taskId(), update.toString(), condition, names, values, current -> {
            throw new TaskStatusConflictException(change, current);
        });
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, Instant at) {
        return conditionalUpdate(
                id,
                "SET #attempts = :attempt, #updated = :at",
                "#status = :inProgress AND #attempts < :attempt",
                Map.of(
                        "#status",
                        TaskItem.STATUS,
                        "#attempts",
                        TaskItem.ATTEMPTS,
                        "#updated",
                        TaskItem.LAST_UPDATED_AT),
                Map.of(
                        ":attempt", TaskItem.n(attempt),
                        ":inProgress", TaskItem.s(TaskStatus.IN_PROGRESS.name()),
                        ":at", TaskItem.s(Timestamps.format(at))),
                current -> {
                    throw new TaskStatusConflictException("Attempt " + attempt + " cannot be claimed", current);
                });
    }

    /** Updates one item if the condition holds; otherwise hands the item as it is to {@code onConflict}. */
    private Task conditionalUpdate(
            UUID id,
            String update,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            Consumer<Task> onConflict) {
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table.name())
                            .key(TaskItem.key(id))
                            .updateExpression(update)
                            .conditionExpression(condition)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes();
            return TaskItem.fromItem(updated);
        } catch (ConditionalCheckFailedException e) {
            Task current = find(id).orElseThrow(() -> new TaskNotFoundException(id));
            onConflict.accept(current);
            throw new IllegalStateException("onConflict must throw", e);
        }
    }

    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        QueryRequest.Builder due = QueryRequest.builder()
                .tableName(table.name())
                .indexName(TasksTableSchema.STATUS_INDEX.name())
                .keyConditionExpression("#status = :status AND #start <= :now")
                .expressionAttributeNames(Map.of("#status", TaskItem.STATUS, "#start", TaskItem.START_EXECUTION_AT))
                .expressionAttributeValues(
                        Map.of(":status", TaskItem.s(status.name()), ":now", TaskItem.n(instant.getEpochSecond())))
                .limit(limit);
        if (cursor != null) {
            due.exclusiveStartKey(PageCursor.decode(cursor, status));
        }
        QueryResponse response = dynamoDb.query(due.build());
        List<Task> items = response.items().stream().map(TaskItem::fromItem).toList();
        // DynamoDB's own position: the walk moves on whether or not the tasks read stay in the status.
        String next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? PageCursor.at(response.lastEvaluatedKey(), status)
                        : null;
        return new TaskPage(items, next);
    }

    @Override
    public TaskPage listByStatus(TaskStatus status, int limit, String cursor) {
        // One item more than asked tells whether another page exists, so the last page carries no cursor.
        QueryRequest.Builder page = QueryRequest.builder()
                .tableName(table.name())
                .indexName(TasksTableSchema.STATUS_INDEX.name())
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
