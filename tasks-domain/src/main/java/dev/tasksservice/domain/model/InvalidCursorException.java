package dev.tasksservice.domain.model;

public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException() {
        super("The cursor is not one this service returned");
    }
}
