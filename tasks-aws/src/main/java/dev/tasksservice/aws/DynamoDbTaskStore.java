package dev.tasksservice.aws;

import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.Retention;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.RemoveExpiredTasks;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.schema.TasksTableSchema;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * Tasks in a DynamoDB table, one item each ({@link TaskItem}). Every write is a single-item conditional write, so no
 * transaction is needed: the condition is the state the change expects, and when it does not hold the item is read
 * and the conflict names the task as it is. The write that makes a task final also sets its expiry ({@link Retention}),
 * which DynamoDB's time to live acts on; where there is none (dynalite), {@link #removeExpired} does the same.
 */
public class DynamoDbTaskStore implements TaskStore, RemoveExpiredTasks {

    /** How many reads one page of a listing may take at most. */
    static final int MAX_LIST_READS = 8;

    /** The most index entries one read of a listing evaluates. */
    static final int MAX_LIST_READ_LIMIT = 1000;

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;
    private final int maxListReads;
    private final Retention retention;
    private final ExpiredItems expired;

    /** A store that keeps finished tasks for {@link Retention#DEFAULT}. */
    public DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table) {
        this(dynamoDb, table, Retention.DEFAULT);
    }

    public DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table, Retention retention) {
        this(dynamoDb, table, retention, MAX_LIST_READS);
    }

    /** A store whose listings take at most {@code maxListReads} reads a page: tests reach the bound with it. */
    DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table, int maxListReads) {
        this(dynamoDb, table, Retention.DEFAULT, maxListReads);
    }

    private DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table, Retention retention, int maxListReads) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = java.util.Objects.requireNonNull(retention, "retention");
        this.maxListReads = maxListReads;
        this.expired = new ExpiredItems(dynamoDb, table);
    }

    @Override
    public void create(Task task) {
        try {
            dynamoDb.putItem(request -> request.tableName(table.name())
                    .item(TaskItem.toItem(task, retention.expiresAt(task.status(), task.lastUpdatedAt())))
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
        ItemUpdate update = new ItemUpdate()
                .set(TaskItem.STATUS, TaskItem.s(change.to().name()))
                .set(TaskItem.LAST_UPDATED_AT, TaskItem.s(Timestamps.format(change.at())));
        if (change.executedAt() != null) {
            update.set(TaskItem.EXECUTED_AT, TaskItem.s(Timestamps.format(change.executedAt())));
        }
        if (change.error() != null) {
            update.set(TaskItem.LAST_ERROR, TaskItem.s(change.error()));
        }
        expireIfFinal(update, change.to(), change.at());
        update.condition(statusIs(update, change.from()));
        if (change.expectedAttempts() != null) {
            update.condition(attemptsAre(update, change.expectedAttempts()));
        }
        if (change.expectedVersion() != null) {
            update.condition(versionIs(update, change.expectedVersion()));
        }
        return conditionalUpdate(change.taskId(), update, current -> {
            throw new TaskStatusConflictException(change, current);
        });
    }

    @Override
    public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
        ItemUpdate update = new ItemUpdate()
                .set(TaskItem.ATTEMPTS, TaskItem.n(attempt))
                .set(TaskItem.LAST_UPDATED_AT, TaskItem.s(Timestamps.format(at)));
        update.condition(statusIs(update, TaskStatus.IN_PROGRESS))
                .condition(update.name(TaskItem.ATTEMPTS) + " < " + update.value("claimed", TaskItem.n(attempt)))
                .condition(versionIs(update, version));
        return conditionalUpdate(id, update, current -> {
            throw new TaskStatusConflictException(
                    "Attempt " + attempt + " of version " + version + " cannot be claimed", current);
        });
    }

    /** One write: the status, the whole history, and the fields the attempt sets or clears. */
    @Override
    public Task record(AttemptRecord record) {
        ItemUpdate update = new ItemUpdate()
                .set(TaskItem.STATUS, TaskItem.s(record.to().name()))
                .set(TaskItem.LAST_UPDATED_AT, TaskItem.s(Timestamps.format(record.at())))
                .set(TaskItem.HISTORY, HistoryAttribute.of(record.history()))
                .setOrRemove(TaskItem.LAST_ERROR, record.lastError())
                .setOrRemove(TaskItem.NEXT_ATTEMPT_AT, TaskItem.timestamp(record.nextAttemptAt()));
        if (record.executedAt() != null) {
            update.set(TaskItem.EXECUTED_AT, TaskItem.s(Timestamps.format(record.executedAt())));
        }
        expireIfFinal(update, record.to(), record.at());
        update.condition(statusIs(update, TaskStatus.IN_PROGRESS)).condition(attemptsAre(update, record.attempt()));
        return conditionalUpdate(record.taskId(), update, current -> {
            throw new TaskStatusConflictException(
                    "Attempt " + record.attempt() + " is no longer the task's to record", current);
        });
    }

    /**
     * One write on the expected version while the task waits. The history stays; what belonged to a run of the version
     * before (executedAt, lastError, nextAttemptAt) is removed, as a waiting task has none.
     */
    @Override
    public Task reschedule(Reschedule change) {
        ItemUpdate update = new ItemUpdate()
                .set(TaskItem.TIMESTAMP, TaskItem.s(Timestamps.format(change.timestamp())))
                .set(TaskItem.START_EXECUTION_AT, TaskItem.n(change.startExecutionAt()))
                .set(TaskItem.STATUS, TaskItem.s(TaskStatus.SCHEDULED.name()))
                .set(TaskItem.LAST_UPDATED_AT, TaskItem.s(Timestamps.format(change.at())))
                .setOrRemove(TaskItem.PAYLOAD, change.payload())
                .setOrRemove(TaskItem.TARGET, change.target() == null ? null : TargetAttribute.of(change.target()))
                .set(TaskItem.RETRY, RetryAttribute.of(change.retry()))
                .set(TaskItem.VERSION, TaskItem.n(change.expectedVersion() + 1))
                .remove(TaskItem.NEXT_ATTEMPT_AT)
                .remove(TaskItem.EXECUTED_AT)
                .remove(TaskItem.LAST_ERROR)
                // A waiting task never expires.
                .remove(TaskItem.EXPIRES_AT);
        update.condition(versionIs(update, change.expectedVersion()))
                .condition(statusIs(update, TaskStatus.SCHEDULED) + " OR (" + statusIs(update, TaskStatus.IN_PROGRESS)
                        + " AND " + attemptsAre(update, 0) + ")");
        return conditionalUpdate(change.taskId(), update, current -> {
            throw new TaskStatusConflictException(
                    "Task " + change.taskId() + " was changed meanwhile (it is at version " + current.version()
                            + ", not " + change.expectedVersion() + "), or has begun to run (it is "
                            + current.status() + " after " + current.attempts() + " attempt(s))",
                    current);
        });
    }

    /** Sets the expiry when the write makes the task final; a task that may still change has none. */
    private void expireIfFinal(ItemUpdate update, TaskStatus to, Instant at) {
        update.setOrRemove(TaskItem.EXPIRES_AT, expiryOf(retention.expiresAt(to, at)));
    }

    private static AttributeValue expiryOf(Long expiresAt) {
        return expiresAt == null ? null : TaskItem.n(expiresAt);
    }

    /**
     * Deletes the items whose expiry has come, as DynamoDB's time to live does on AWS: a scan that keeps only items
     * with an expiry at or before {@code now}, each deleted on the condition that its expiry is still that.
     */
    @Override
    public int removeExpired(Instant now, int budget) {
        return expired.remove(now, budget);
    }

    private static String statusIs(ItemUpdate update, TaskStatus status) {
        return update.name(TaskItem.STATUS) + " = "
                + update.value("status" + status.name().replace("_", ""), TaskItem.s(status.name()));
    }

    private static String attemptsAre(ItemUpdate update, int attempts) {
        return update.name(TaskItem.ATTEMPTS) + " = " + update.value("expectedAttempts", TaskItem.n(attempts));
    }

    /** The item is at {@code version}; an item written before versions existed has no such attribute and is at 0. */
    private static String versionIs(ItemUpdate update, long version) {
        String equal = update.name(TaskItem.VERSION) + " = " + update.value("expectedVersion", TaskItem.n(version));
        return version == 0 ? "attribute_not_exists(" + update.name(TaskItem.VERSION) + ") OR " + equal : equal;
    }

    /** Updates one item if the update's condition holds; otherwise hands the item as it is to {@code onConflict}. */
    private Task conditionalUpdate(UUID id, ItemUpdate update, Consumer<Task> onConflict) {
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(request -> request.tableName(table.name())
                            .key(TaskItem.key(id))
                            .updateExpression(update.updateExpression())
                            .conditionExpression(update.conditionExpression())
                            .expressionAttributeNames(update.names())
                            .expressionAttributeValues(update.values())
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

    /**
     * One page of the tenant's tasks in the status. The status index spans tenants, and DynamoDB applies Limit before
     * the filter on the tenant: a read may keep fewer tasks than it read, so the listing reads on, each read twice the
     * one before, until it has one task more than asked (which tells whether another page exists, so the last page
     * carries no cursor), reaches the end, or has sent {@code maxListReads} reads. Then the page is short and its
     * cursor resumes after the last index entry read: the entries between the page's last task and that one were read
     * and belong to other tenants, so nothing is skipped or repeated.
     */
    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null : PageCursor.decode(cursor, status);
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        int readLimit = limit + 1;
        for (int read = 0; read < maxListReads; read++) {
            QueryResponse response = dynamoDb.query(listQuery(tenant, status, readLimit, start));
            found.addAll(response.items());
            if (found.size() > limit) {
                List<Task> items =
                        found.stream().limit(limit).map(TaskItem::fromItem).toList();
                return new TaskPage(items, PageCursor.after(items.get(items.size() - 1)));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new TaskPage(found.stream().map(TaskItem::fromItem).toList(), null);
            }
            // Also where a read stopped at DynamoDB's 1 MB before its Limit.
            start = response.lastEvaluatedKey();
            readLimit = Math.min(MAX_LIST_READ_LIMIT, readLimit * 2);
        }
        return new TaskPage(found.stream().map(TaskItem::fromItem).toList(), PageCursor.at(start, status));
    }

    private QueryRequest listQuery(
            TenantId tenant, TaskStatus status, int readLimit, Map<String, AttributeValue> exclusiveStartKey) {
        // Items written before tenants have no tenant attribute and belong to the default tenant.
        String ownedBy = tenant.equals(TenantId.DEFAULT)
                ? "attribute_not_exists(#tenant) OR #tenant = :tenant"
                : "#tenant = :tenant";
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .indexName(TasksTableSchema.STATUS_INDEX.name())
                .keyConditionExpression("#status = :status")
                .filterExpression(ownedBy)
                .expressionAttributeNames(Map.of("#status", TaskItem.STATUS, "#tenant", TaskItem.TENANT))
                .expressionAttributeValues(
                        Map.of(":status", TaskItem.s(status.name()), ":tenant", TaskItem.s(tenant.value())))
                .limit(readLimit);
        if (exclusiveStartKey != null) {
            query.exclusiveStartKey(exclusiveStartKey);
        }
        return query.build();
    }
}
