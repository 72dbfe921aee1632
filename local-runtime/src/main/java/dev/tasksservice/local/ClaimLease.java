package dev.tasksservice.local;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether an attempt this runtime has no run for is still under way somewhere else. Runtimes sharing one table
 * and one queue each know only their own runs, so without this a sweep in one would re-drive an attempt the other is
 * delivering, and the task would be delivered twice. An attempt claimed less than the lease ago and not recorded yet
 * counts as running, wherever it runs; one this runtime saw fail does not, so its own failures are recovered at once.
 * After a crash nothing here is remembered, and the startup re-arm takes over every claimed attempt without asking.
 */
final class ClaimLease {

    private final Duration lease;
    /** The attempt each task's run here last saw fail, by task id, until the task is armed again. */
    private final Map<UUID, FailedAttempt> failedHere = new ConcurrentHashMap<>();

    ClaimLease(Duration lease) {
        this.lease = lease;
    }

    /**
     * Whether {@code task}'s latest attempt was claimed less than the lease ago, and is neither recorded nor known here
     * to be over.
     */
    boolean heldElsewhere(Task task, Instant now) {
        return task.status() == TaskStatus.IN_PROGRESS
                && task.claimedSinceLastRecord() > 0
                && now.isBefore(task.lastUpdatedAt().plus(lease))
                && !failedHere(task);
    }

    /**
     * Whether a run here for the task's latest claimed attempt, or a later one, failed. A later one counts too: this
     * runtime had taken the task over from the claim's run (a re-arm after a restart), and its own run failed before
     * claiming.
     */
    private boolean failedHere(Task task) {
        FailedAttempt failed = failedHere.get(task.id());
        return failed != null && failed.version() == task.version() && failed.attempt() >= task.attempts();
    }

    /**
     * Remembers that attempt {@code attempt} of the task's {@code version} failed here without a result, at {@code
     * now}. What failed longer ago than the lease is forgotten: its claim counts as running nowhere by then.
     */
    void failedHere(UUID taskId, long version, int attempt, Instant now) {
        failedHere.values().removeIf(failed -> failed.at().plus(lease).isBefore(now));
        failedHere.put(taskId, new FailedAttempt(version, attempt, now));
    }

    /** Forgets the task's failure: it has a run again. */
    void armed(UUID taskId) {
        failedHere.remove(taskId);
    }

    private record FailedAttempt(long version, int attempt, Instant at) {}
}
