package dev.tasksservice.client;

/**
 * 412: the task is no longer at the version the request named with {@link RescheduleRequest#ifVersion(long)}
 * ({@code If-Match}); someone changed it in between, and nothing was changed. Read the task again and decide anew.
 */
public class TaskVersionConflictException extends TaskStatusConflictException {

    public TaskVersionConflictException(String request, int status, String contentType, String body) {
        super(request, status, contentType, body);
    }
}
