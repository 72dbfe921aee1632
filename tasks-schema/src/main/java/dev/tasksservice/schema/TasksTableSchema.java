package dev.tasksservice.schema;

import java.util.List;

/**
 * The tasks table (the seed's schema): partition key {@code id}, billed per request, and the index through which the
 * poller finds due tasks and clients list tasks by status. Tasks Service creates it locally and the stack deploys it,
 * both from this definition.
 */
public final class TasksTableSchema {

    public static final KeyAttribute PARTITION_KEY = new KeyAttribute("id", KeyAttribute.Type.STRING);

    /** Tasks by status, in the order they become due (the second they are picked up). */
    public static final IndexSchema STATUS_INDEX = new IndexSchema(
            "statusStartExecAtIndex",
            new KeyAttribute("taskStatus", KeyAttribute.Type.STRING),
            new KeyAttribute("startExecutionAt", KeyAttribute.Type.NUMBER),
            true);

    public static final List<IndexSchema> INDEXES = List.of(STATUS_INDEX);

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
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(PARTITION_KEY),
                        INDEXES.stream()
                                .flatMap(index -> java.util.stream.Stream.of(index.partitionKey(), index.sortKey())))
                .distinct()
                .toList();
    }
}
