package dev.tasksservice.schema;

/** An attribute that is part of a key of the table or of an index. */
public record KeyAttribute(String name, Type type) {

    /** DynamoDB's scalar types of key attributes. */
    public enum Type {
        STRING,
        NUMBER
    }
}
