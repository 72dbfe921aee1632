package dev.tasksservice.client;

/** 422: the {@code Idempotency-Key} was first used with a different request; nothing was created. */
public class IdempotencyKeyReusedException extends InvalidTaskRequestException {

    public IdempotencyKeyReusedException(String request, int status, String contentType, String body) {
        super(request, status, contentType, body);
    }
}
