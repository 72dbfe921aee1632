package dev.tasksservice.domain.model;

import java.util.UUID;

public class TaskAlreadyExistsException extends RuntimeException {

    public TaskAlreadyExistsException(UUID id) {
        super("A task with id " + id + " already exists");
    }
}
