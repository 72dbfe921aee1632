package dev.tasksservice.domain.model;

/** An idempotency key came back with a request different from the one that first used it. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was already used with a different request");
    }
}
