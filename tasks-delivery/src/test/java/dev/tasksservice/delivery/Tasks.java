package dev.tasksservice.delivery;

import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Tasks as the executor hands them to the delivery: IN_PROGRESS, with the attempt being run. */
final class Tasks {

    private Tasks() {}

    /** A task due a moment ago, at its first attempt. */
    static Task due(String payload, Target target) {
        Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(250);
        Task scheduled = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                due,
                due.getEpochSecond() - 60,
                due.minusSeconds(600),
                payload,
                null,
                target,
                RetryPolicy.DEFAULT);
        return new Task(
                        scheduled.id(),
                        TenantId.DEFAULT,
                        scheduled.timestamp(),
                        scheduled.startExecutionAt(),
                        TaskStatus.IN_PROGRESS,
                        scheduled.lastUpdatedAt(),
                        scheduled.createdAt(),
                        payload,
                        null,
                        null,
                        0,
                        null,
                        target,
                        scheduled.retry(),
                        null,
                        null,
                        0)
                .withAttempt(1, due);
    }

    /** The instant an attempt begins, to the millisecond as the executor records it. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
