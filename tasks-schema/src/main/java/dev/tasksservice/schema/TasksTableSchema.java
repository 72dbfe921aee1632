package dev.tasksservice.schema;

import java.util.List;

/**
 * The tasks table (the seed's schema): partition key {@code id}, billed per request, and two sparse, write-sharded
 * indexes that hold only keys: {@link #DUE_INDEX}, through which the poller finds due tasks and the sweep tasks stuck
 * in progress, and {@link #TENANT_INDEX}, through which clients list their tasks by status. Tasks Service creates it
 * locally and the stack deploys it, both from this definition. Why the keys look as they do, with the arithmetic, is
 * in the README ("A due index that scales").
 */
public final class TasksTableSchema {

    public static final KeyAttribute PARTITION_KEY = new KeyAttribute("id", KeyAttribute.Type.STRING);

    /**
     * How many partitions the tasks waiting in one status are spread over in {@link #DUE_INDEX}: a task's shard is a
     * hash of its id. Each shard takes two index writes a task (in, out), so 32 shards hold 16,000 tasks a second
     * within DynamoDB's 1,000 writes a second a partition. Changing it moves every live task to another key.
     */
    public static final int DUE_SHARDS = 32;

    /**
     * How many partitions one tenant's tasks are spread over in {@link #TENANT_INDEX}. A task makes six writes there in
     * its life (in, two status moves of two writes each, out when it expires), so one tenant may make about 5,000
     * tasks a second; every listing reads all of the tenant's shards, so more shards make each listing dearer.
     */
    public static final int TENANT_SHARDS = 32;

    /**
     * Tasks waiting to be dispatched ({@code dueShard} = {@code SCHEDULED#nn}) and tasks in progress
     * ({@code IN_PROGRESS#nn}), in the order they become due. A finished task has no {@code dueShard} and is not in the
     * index. Keys only: the poller reads the tasks themselves by id.
     */
    public static final IndexSchema DUE_INDEX = new IndexSchema(
            "dueIndex",
            new KeyAttribute("dueShard", KeyAttribute.Type.STRING),
            new KeyAttribute("startExecutionAt", KeyAttribute.Type.NUMBER),
            false);

    /**
     * Every task by tenant ({@code tenantShard} = {@code <tenant>#nn}), sorted by status and then by the second it
     * becomes due ({@code statusStart} = status number × {@value #STATUS_SPAN} + startExecutionAt), so one status of
     * one tenant is a range of each shard. Keys only.
     */
    public static final IndexSchema TENANT_INDEX = new IndexSchema(
            "tenantStatusIndex",
            new KeyAttribute("tenantShard", KeyAttribute.Type.STRING),
            new KeyAttribute("statusStart", KeyAttribute.Type.NUMBER),
            false);

    /** Wider than any startExecutionAt (epoch seconds up to the year 33658): statuses never overlap. */
    public static final long STATUS_SPAN = 1_000_000_000_000L;

    /**
     * The index of the design before {@link #DUE_INDEX}: every task by status, with all attributes. Only migration
     * deploys it (see the README).
     */
    public static final IndexSchema LEGACY_STATUS_INDEX = new IndexSchema(
            "statusStartExecAtIndex",
            new KeyAttribute("taskStatus", KeyAttribute.Type.STRING),
            new KeyAttribute("startExecutionAt", KeyAttribute.Type.NUMBER),
            true);

    public static final List<IndexSchema> INDEXES = List.of(DUE_INDEX, TENANT_INDEX);

    /**
     * The indexes a table has at each step of the move from {@link #LEGACY_STATUS_INDEX} to {@link #INDEXES}:
     * CloudFormation adds or removes one index an update, so the stack gets there in steps (the README says how).
     * Step 1 adds the due index beside the old one, step 2 the tenant index; without a step, the old one goes.
     *
     * @param step "1", "2", or null once the move is done (and for every new table)
     */
    public static List<IndexSchema> indexesAtMigrationStep(String step) {
        if (step == null || step.isBlank()) {
            return INDEXES;
        }
        return switch (step.strip()) {
            case "1" -> List.of(LEGACY_STATUS_INDEX, DUE_INDEX);
            case "2" -> List.of(LEGACY_STATUS_INDEX, DUE_INDEX, TENANT_INDEX);
            default -> throw new IllegalArgumentException("The index migration has steps 1 and 2, not " + step);
        };
    }

    /**
     * The attribute DynamoDB's time to live acts on: the epoch second from which a finished task has expired. Where the
     * table has no time to live (dynalite), the local runtime removes expired tasks by the same attribute.
     */
    public static final String TIME_TO_LIVE_ATTRIBUTE = "expiresAt";

    /** The stage whose table is thrown away with its data: no deletion protection, no point-in-time recovery. */
    public static final String THROWAWAY_STAGE = "local";

    private TasksTableSchema() {}

    /** {@code tasksTable-{stage}}. */
    public static String tableName(String stage) {
        return "tasksTable-" + stage;
    }

    /**
     * Whether the table of {@code stage} guards its data: deletion protection and point-in-time recovery, on every
     * stage but {@value #THROWAWAY_STAGE}.
     */
    public static boolean protectsData(String stage) {
        return !THROWAWAY_STAGE.equals(stage);
    }

    /** Every attribute named in a key of the table or of an index, each once. */
    public static List<KeyAttribute> keyAttributes() {
        return keyAttributes(INDEXES);
    }

    /** Every attribute named in a key of the table or of {@code indexes}, each once. */
    public static List<KeyAttribute> keyAttributes(List<IndexSchema> indexes) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(PARTITION_KEY),
                        indexes.stream()
                                .flatMap(index -> java.util.stream.Stream.of(index.partitionKey(), index.sortKey())))
                .distinct()
                .toList();
    }
}
