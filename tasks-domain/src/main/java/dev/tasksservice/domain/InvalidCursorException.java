package dev.tasksservice.domain;

public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException() {
        super("The cursor is not one this service returned");
    }
}
