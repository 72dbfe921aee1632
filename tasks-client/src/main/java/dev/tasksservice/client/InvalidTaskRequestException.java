package dev.tasksservice.client;

/**
 * The API refused the request itself: 400 for a bad body or listing parameter (see {@link #field()}), 413 for a body
 * over the size limit, 415 for a body that is not JSON, 422 for a reused {@code Idempotency-Key}
 * ({@link IdempotencyKeyReusedException}). Sending it again unchanged fails again.
 */
public class InvalidTaskRequestException extends TasksApiException {

    public InvalidTaskRequestException(String request, int status, String contentType, String body) {
        super(request, status, contentType, body);
    }
}
