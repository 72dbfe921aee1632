package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.RetryPolicy;

/** A task's retry policy as clients see it, the pauses in milliseconds. */
record RetryResponse(int maxAttempts, long initialBackoffMs, long maxBackoffMs) {

    static RetryResponse of(RetryPolicy retry) {
        return new RetryResponse(
                retry.maxAttempts(),
                retry.initialBackoff().toMillis(),
                retry.maxBackoff().toMillis());
    }
}
