package dev.tasksservice.aws;

import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.schema.TasksTableSchema;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A task as a DynamoDB item. The seed's attributes keep their names and types (timestamp S, startExecutionAt N,
 * taskStatus S, lastUpdatedAt S), beside id S, createdAt S, attempts N, and payload, requestFingerprint, executedAt
 * and lastError (S, each left out when null). Instants have the text form of {@link Timestamps}, to the millisecond;
 * durations are whole milliseconds. What came with targets, retry policies, attempt history and versions is added
 * beside them:
 *
 * <ul>
 *   <li>{@code target} M: {@code {type: "http", url, method, headers: M, timeoutMs: N}} or {@code {type: "sqs",
 *       queueUrl}} ({@link TargetAttribute}); left out for the deployment's default target;
 *   <li>{@code retry} M: {@code {maxAttempts, initialBackoffMs, maxBackoffMs}}, all N ({@link RetryAttribute});
 *   <li>{@code history} L of M, oldest first, one map per attempt ({@link HistoryAttribute}); left out while empty;
 *   <li>{@code nextAttemptAt} S, left out when no attempt waits;
 *   <li>{@code version} N;
 *   <li>{@code tenant} S, the {@link TenantId} the task belongs to;
 *   <li>{@code expiresAt} N, the epoch second from which a finished task has expired (DynamoDB's time to live
 *       attribute); left out while the task may still change;
 *   <li>the keys of the indexes ({@link TasksTableSchema}): {@code dueShard} S ({@code SCHEDULED#nn} or
 *       {@code IN_PROGRESS#nn}, left out once the task is finished), {@code tenantShard} S ({@code <tenant>#nn}, set
 *       when the task is created and never changed) and {@code statusStart} N (the status's number ×
 *       {@value TasksTableSchema#STATUS_SPAN} + startExecutionAt). Each write that changes the status or
 *       startExecutionAt changes them with it, in the same write.
 * </ul>
 *
 * <p>Items written before these attributes existed still read: without {@code version} a task is at version 0 (and
 * the store's conditions on the version treat a missing attribute as 0), without {@code retry} it has
 * {@link RetryPolicy#DEFAULT}, without {@code history} its history is empty, and without {@code tenant} it belongs to
 * {@link TenantId#DEFAULT}, the tenant of keyless local calls. Nesting keeps a task one item, so every change stays
 * one conditional write. The history's bounds ({@value Task#MAX_HISTORY} attempts, errors of at most
 * {@value dev.tasksservice.domain.model.Attempt#MAX_ERROR_BYTES} bytes) keep the item far below DynamoDB's 400 KB,
 * even beside the largest payload and target.
 */
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
    static final String TARGET = "target";
    static final String RETRY = "retry";
    static final String HISTORY = "history";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String VERSION = "version";
    static final String TENANT = "tenant";
    static final String EXPIRES_AT = TasksTableSchema.TIME_TO_LIVE_ATTRIBUTE;
    static final String DUE_SHARD = TasksTableSchema.DUE_INDEX.partitionKey().name();
    static final String TENANT_SHARD =
            TasksTableSchema.TENANT_INDEX.partitionKey().name();
    static final String STATUS_START = TasksTableSchema.TENANT_INDEX.sortKey().name();

    private TaskItem() {}

    /** Whether a task in {@code status} is in the due index: while it waits to be dispatched or is in progress. */
    static boolean inDueIndex(TaskStatus status) {
        return status == TaskStatus.SCHEDULED || status == TaskStatus.IN_PROGRESS;
    }

    /** The due index partition of the task {@code id} in {@code status}: {@code SCHEDULED#07}, say. */
    static String dueShard(TaskStatus status, UUID id) {
        return dueShard(status, shard(id, TasksTableSchema.DUE_SHARDS));
    }

    static String dueShard(TaskStatus status, int shard) {
        return status.name() + "#" + twoDigits(shard);
    }

    /** The tenant index partition of the task {@code id}: {@code acme#113}, say. */
    static String tenantShard(TenantId tenant, UUID id) {
        return tenantShard(tenant, shard(id, TasksTableSchema.TENANT_SHARDS));
    }

    static String tenantShard(TenantId tenant, int shard) {
        return tenant.value() + "#" + twoDigits(shard);
    }

    /** Where the statuses of {@code status} begin in the tenant index's sort key. */
    static long statusOffset(TaskStatus status) {
        return status.ordinal() * TasksTableSchema.STATUS_SPAN;
    }

    /** A hash of the id, spread evenly over {@code shards} (ids are random or derived by a hash). */
    static int shard(UUID id, int shards) {
        return Math.floorMod(id.getMostSignificantBits() ^ id.getLeastSignificantBits(), shards);
    }

    private static String twoDigits(int shard) {
        return shard < 10 ? "0" + shard : Integer.toString(shard);
    }

    static Map<String, AttributeValue> key(UUID id) {
        return Map.of(ID, s(id.toString()));
    }

    /** The item of {@code task}, with {@code expiresAt} (an epoch second) when the task is finished, else null. */
    static Map<String, AttributeValue> toItem(Task task, Long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(task.id().toString()));
        item.put(TENANT, s(task.tenant().value()));
        item.put(TIMESTAMP, s(Timestamps.format(task.timestamp())));
        item.put(START_EXECUTION_AT, n(task.startExecutionAt()));
        item.put(STATUS, s(task.status().name()));
        item.put(LAST_UPDATED_AT, s(Timestamps.format(task.lastUpdatedAt())));
        item.put(CREATED_AT, s(Timestamps.format(task.createdAt())));
        item.put(ATTEMPTS, n(task.attempts()));
        putIfPresent(item, PAYLOAD, task.payload());
        putIfPresent(item, REQUEST_FINGERPRINT, task.requestFingerprint());
        putIfPresent(item, EXECUTED_AT, timestamp(task.executedAt()));
        putIfPresent(item, LAST_ERROR, task.lastError());
        if (task.target() != null) {
            item.put(TARGET, TargetAttribute.of(task.target()));
        }
        item.put(RETRY, RetryAttribute.of(task.retry()));
        if (!task.history().isEmpty()) {
            item.put(HISTORY, HistoryAttribute.of(task.history()));
        }
        putIfPresent(item, NEXT_ATTEMPT_AT, timestamp(task.nextAttemptAt()));
        item.put(VERSION, n(task.version()));
        if (expiresAt != null) {
            item.put(EXPIRES_AT, n(expiresAt));
        }
        if (inDueIndex(task.status())) {
            item.put(DUE_SHARD, s(dueShard(task.status(), task.id())));
        }
        item.put(TENANT_SHARD, s(tenantShard(task.tenant(), task.id())));
        item.put(STATUS_START, n(statusOffset(task.status()) + task.startExecutionAt()));
        return item;
    }

    static Task fromItem(Map<String, AttributeValue> item) {
        return new Task(
                UUID.fromString(item.get(ID).s()),
                item.containsKey(TENANT) ? new TenantId(item.get(TENANT).s()) : TenantId.DEFAULT,
                instant(item, TIMESTAMP),
                Long.parseLong(item.get(START_EXECUTION_AT).n()),
                TaskStatus.valueOf(item.get(STATUS).s()),
                instant(item, LAST_UPDATED_AT),
                instant(item, CREATED_AT),
                string(item, PAYLOAD),
                string(item, REQUEST_FINGERPRINT),
                item.containsKey(EXECUTED_AT) ? instant(item, EXECUTED_AT) : null,
                item.containsKey(ATTEMPTS) ? Integer.parseInt(item.get(ATTEMPTS).n()) : 0,
                string(item, LAST_ERROR),
                item.containsKey(TARGET) ? TargetAttribute.from(item.get(TARGET)) : null,
                item.containsKey(RETRY) ? RetryAttribute.from(item.get(RETRY)) : RetryPolicy.DEFAULT,
                item.containsKey(HISTORY) ? HistoryAttribute.from(item.get(HISTORY)) : List.of(),
                item.containsKey(NEXT_ATTEMPT_AT) ? instant(item, NEXT_ATTEMPT_AT) : null,
                item.containsKey(VERSION) ? Long.parseLong(item.get(VERSION).n()) : 0);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** {@code instant} in its stored text form, or null. */
    static String timestamp(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
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
