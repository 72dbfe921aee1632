package dev.tasksservice.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an attempt leaves in the store: the task's new status (COMPLETED, FAILED, or IN_PROGRESS when another attempt
 * follows), its history with the attempt added, and when the next attempt is due. A store applies it only while the
 * task is IN_PROGRESS at exactly attempt {@code attempt}, so only the holder of the attempt's claim writes it.
 *
 * @param executedAt when the delivery that succeeded began; null unless {@code to} is COMPLETED
 * @param lastError why the attempt failed; null when it succeeded
 * @param nextAttemptAt when the next attempt is due; null unless {@code to} is IN_PROGRESS
 */
public record AttemptRecord(
        UUID taskId,
        int attempt,
        TaskStatus to,
        Instant at,
        Instant executedAt,
        String lastError,
        List<Attempt> history,
        Instant nextAttemptAt) {

    public AttemptRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        history = List.copyOf(history);
        if (to != TaskStatus.COMPLETED && to != TaskStatus.FAILED && to != TaskStatus.IN_PROGRESS) {
            throw new IllegalArgumentException("An attempt leaves a task COMPLETED, FAILED or IN_PROGRESS, not " + to);
        }
        if ((to == TaskStatus.IN_PROGRESS) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("nextAttemptAt is given exactly when another attempt follows");
        }
    }

    /** Whether a task in {@code current}'s state takes this record. */
    public boolean appliesTo(Task current) {
        return current.status() == TaskStatus.IN_PROGRESS && current.attempts() == attempt;
    }
}
