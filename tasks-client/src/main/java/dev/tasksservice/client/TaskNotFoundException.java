package dev.tasksservice.client;

/** 404 on {@code GET} or {@code DELETE /tasks/{id}}: no task has that id. */
public class TaskNotFoundException extends TasksApiException {

    public TaskNotFoundException(String request, int status, String contentType, String body) {
        super(request, status, contentType, body);
    }
}
