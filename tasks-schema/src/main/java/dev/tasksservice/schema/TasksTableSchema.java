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

    private TasksTableSchema() {}

    /** {@code tasksTable-{stage}}. */
    public static String tableName(String stage) {
        return "tasksTable-" + stage;
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
