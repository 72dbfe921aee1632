package dev.tasksservice.schema;

/**
 * A global secondary index of the tasks table.
 *
 * @param projectsAllAttributes whether the index holds every attribute of an item (else only the keys)
 */
public record IndexSchema(
        String name, KeyAttribute partitionKey, KeyAttribute sortKey, boolean projectsAllAttributes) {}
