package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of creating one scenario's tasks: those created (in due order), the errors of the others, and the
 * creation window.
 */
record CreationResult(
        List<CreatedTask> created, List<String> errors, boolean noApi, Instant started, Instant finished) {

    Duration elapsed() {
        return Duration.between(started, finished);
    }
}
