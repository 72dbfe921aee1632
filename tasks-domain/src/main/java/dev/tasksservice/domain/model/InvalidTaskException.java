package dev.tasksservice.domain.model;

/** A request to schedule a task breaks a rule; {@code field} names the part of the request at fault. */
public class InvalidTaskException extends RuntimeException {

    private final String field;

    public InvalidTaskException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
