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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Tasks in a DynamoDB table, one item each ({@link TaskItem}). Every write is a single-item conditional write, so no
 * transaction is needed: the condition is the state the change expects, and when it does not hold the item is read
 * and the conflict names the task as it is. The write that makes a task final also sets its expiry ({@link Retention}),
 * which DynamoDB's time to live acts on; where there is none (dynalite), {@link #removeExpired} does the same.
 */
public class DynamoDbTaskStore implements TaskStore, RemoveExpiredTasks {

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;
    private final Retention retention;
    private final ExpiredItems expired;
    private final ShardedIndex dueIndex;
    private final ShardedIndex tenantIndex;
    private final ItemsById itemsById;

    /** A store that keeps finished tasks for {@link Retention#DEFAULT}. */
    public DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table) {
        this(dynamoDb, table, Retention.DEFAULT);
    }

    public DynamoDbTaskStore(DynamoDbClient dynamoDb, TaskTable table, Retention retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = java.util.Objects.requireNonNull(retention, "retention");
        this.expired = new ExpiredItems(dynamoDb, table);
        this.dueIndex = new ShardedIndex(dynamoDb, table.name(), TasksTableSchema.DUE_INDEX);
        this.tenantIndex = new ShardedIndex(dynamoDb, table.name(), TasksTableSchema.TENANT_INDEX);
        this.itemsById = new ItemsById(dynamoDb, table.name());
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
        moveInIndexes(update, change.taskId(), change.to());
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
        if (record.to() != TaskStatus.IN_PROGRESS) {
            // A task that stays in progress for its next attempt keeps its index keys: no index write.
            moveInIndexes(update, record.taskId(), record.to());
        }
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
                .remove(TaskItem.EXPIRES_AT)
                .set(TaskItem.DUE_SHARD, TaskItem.s(TaskItem.dueShard(TaskStatus.SCHEDULED, change.taskId())))
                .set(
                        TaskItem.STATUS_START,
                        TaskItem.n(TaskItem.statusOffset(TaskStatus.SCHEDULED) + change.startExecutionAt()));
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

    /**
     * The task's index keys for its new status, in the same write: its due index shard while it is live (removed once
     * it is final, which takes it out of that index), and its place in the tenant index, computed by DynamoDB from the
     * task's startExecutionAt, which this write does not know.
     */
    private static void moveInIndexes(ItemUpdate update, UUID id, TaskStatus to) {
        update.setOrRemove(TaskItem.DUE_SHARD, TaskItem.inDueIndex(to) ? TaskItem.dueShard(to, id) : null)
                .setSum(TaskItem.STATUS_START, TaskItem.START_EXECUTION_AT, TaskItem.n(TaskItem.statusOffset(to)));
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

    /**
     * One page of the due index's shards of {@code status} (SCHEDULED or IN_PROGRESS) up to {@code instant}, read in
     * parallel and merged in the order tasks become due; then the tasks themselves, by id, as the table has them. A
     * task moved later meanwhile is left out of the page, not out of the walk. A task whose status in the table is not
     * the one its entry is under is given as the table has it: an entry that lags behind the table (or, on dynalite, a
     * write stopped half way) is for the use cases to judge, which decide on the task as it is.
     */
    @Override
    public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
        if (!TaskItem.inDueIndex(status)) {
            throw new IllegalArgumentException("Only SCHEDULED and IN_PROGRESS tasks become due, not " + status);
        }
        ShardedIndex.Position after = cursor == null
                ? null
                : PageCursor.decode(cursor, PageCursor.Walk.DUE, status, TasksTableSchema.DUE_SHARDS);
        List<String> shards = IntStream.range(0, TasksTableSchema.DUE_SHARDS)
                .mapToObj(shard -> TaskItem.dueShard(status, shard))
                .toList();
        long now = instant.getEpochSecond();
        ShardedIndex.Page page = dueIndex.page(shards, 0, now, after, limit);
        List<Task> tasks = tasksOf(page, task -> task.startExecutionAt() <= now);
        return new TaskPage(tasks, nextCursor(PageCursor.Walk.DUE, status, page));
    }

    /**
     * One page of the tenant's tasks in the status: the status's range of each of the tenant's shards of the tenant
     * index, merged in start order, then the tasks by id. Only the tenant's own entries are read.
     */
    @Override
    public TaskPage listByStatus(TenantId tenant, TaskStatus status, int limit, String cursor) {
        ShardedIndex.Position after = cursor == null
                ? null
                : PageCursor.decode(cursor, PageCursor.Walk.LIST, status, TasksTableSchema.TENANT_SHARDS);
        List<String> shards = IntStream.range(0, TasksTableSchema.TENANT_SHARDS)
                .mapToObj(shard -> TaskItem.tenantShard(tenant, shard))
                .toList();
        long low = TaskItem.statusOffset(status);
        ShardedIndex.Page page = tenantIndex.page(shards, low, low + TasksTableSchema.STATUS_SPAN - 1, after, limit);
        List<Task> tasks =
                tasksOf(page, task -> task.status() == status && task.tenant().equals(tenant));
        return new TaskPage(tasks, nextCursor(PageCursor.Walk.LIST, status, page));
    }

    /** The tasks of the page's entries, in the page's order, that still meet {@code still}. */
    private List<Task> tasksOf(ShardedIndex.Page page, Predicate<Task> still) {
        // An index entry being moved may show twice for a moment: each task once.
        List<UUID> ids =
                page.entries().stream().map(ShardedIndex.Entry::id).distinct().toList();
        Map<UUID, Map<String, AttributeValue>> items = itemsById.read(ids);
        return ids.stream()
                .map(items::get)
                .filter(java.util.Objects::nonNull)
                .map(TaskItem::fromItem)
                .filter(still)
                .toList();
    }

    private static String nextCursor(PageCursor.Walk walk, TaskStatus status, ShardedIndex.Page page) {
        if (page.next() == null) {
            return null;
        }
        ShardedIndex.Position next = page.next();
        if (walk == PageCursor.Walk.LIST) {
            // A client may come back with a listing's cursor much later (to follow tasks as they finish, say): the
            // shards read to the end then may hold tasks after the position since, so it names none of them.
            next = new ShardedIndex.Position(next.sort(), next.shard(), next.id(), new java.util.BitSet());
        }
        return PageCursor.of(walk, status, next);
    }
}
