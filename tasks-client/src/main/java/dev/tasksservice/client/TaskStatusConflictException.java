package dev.tasksservice.client;

/** 409: the task's status does not allow the change, such as cancelling a task that has begun to run. */
public class TaskStatusConflictException extends TasksApiException {

    public TaskStatusConflictException(String request, int status, String contentType, String body) {
        super(request, status, contentType, body);
    }

    /** The task's status when the change was refused (problem member {@code taskStatus}); null if not given. */
    public TaskStatus taskStatus() {
        String status = property("taskStatus");
        try {
            return status == null ? null : TaskStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
