package dev.tasksservice.api.web;

/** A task id that cannot name any task, answered like an unknown task. */
class UnknownTaskIdException extends RuntimeException {

    UnknownTaskIdException(String id) {
        super("No task with id " + id);
    }
}
