package dev.tasksservice.client;

/**
 * 409: the task's status does not allow the change, such as cancelling or changing a task that has begun to run, or
 * another change of the task won; 412 ({@link TaskVersionConflictException}) when it is no longer at the version named.
 */
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

    /** The task's version when the change was refused (problem member {@code taskVersion}); null if not given. */
    public Long taskVersion() {
        String version = property("taskVersion");
        try {
            return version == null ? null : Long.valueOf(version);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
