package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * What one scenario measured, from the server's records: lateness = executedAt - timestamp of the COMPLETED
 * tasks, the tasks that ran early, never ran or FAILED, the firing rate, and the POST latency, rate and time.
 */
record ScenarioStats(
        Scenario scenario,
        int requested,
        int created,
        int completed,
        int failed,
        int neverRan,
        int early,
        Percentiles latenessMillis,
        OptionalDouble firedPerSecond,
        Percentiles postMillis,
        double createsPerSecond,
        Duration creationTime,
        Instant firstDue,
        Instant lastDue,
        Duration creationMargin,
        int answeredAfterDue) {

    static ScenarioStats of(
            Scenario scenario, List<Instant> dueTimes, CreationResult creation, Map<UUID, Task> lastSeen) {
        int completed = 0;
        int failed = 0;
        int early = 0;
        List<Long> lateness = new ArrayList<>();
        List<Instant> executions = new ArrayList<>();
        for (CreatedTask task : creation.created()) {
            Task last = lastSeen.getOrDefault(task.id(), task.task());
            Instant timestamp = last.timestamp();
            Instant executedAt = last.executedAt();
            if (executedAt != null && executedAt.isBefore(timestamp)) {
                early++;
            }
            if (last.status() == TaskStatus.COMPLETED) {
                completed++;
                if (executedAt != null) {
                    lateness.add(Duration.between(timestamp, executedAt).toMillis());
                    executions.add(executedAt);
                }
            } else if (last.status() == TaskStatus.FAILED) {
                failed++;
            }
        }
        int created = creation.created().size();
        Instant firstDue = dueTimes.getFirst();
        return new ScenarioStats(
                scenario,
                dueTimes.size(),
                created,
                completed,
                failed,
                created - completed - failed,
                early,
                Percentiles.of(lateness),
                firedPerSecond(completed, executions),
                Percentiles.of(creation.created().stream()
                        .map(task -> task.postLatency().toNanos() / 1e6)
                        .toList()),
                perSecond(created, creation.elapsed()),
                creation.elapsed(),
                firstDue,
                dueTimes.getLast(),
                Duration.between(creation.finished(), firstDue),
                (int) creation.created().stream()
                        .filter(CreatedTask::answeredAfterDue)
                        .count());
    }

    int notCreated() {
        return requested - created;
    }

    /** Every requested task COMPLETED and none ran early: anything else fails the bench. */
    boolean passed() {
        return early == 0 && completed == requested;
    }

    /** Completed tasks per second over the span from the first to the last execution. */
    private static OptionalDouble firedPerSecond(int completed, List<Instant> executions) {
        if (executions.size() < 2) {
            return OptionalDouble.empty();
        }
        Instant first = executions.stream().min(Instant::compareTo).orElseThrow();
        Instant last = executions.stream().max(Instant::compareTo).orElseThrow();
        Duration span = Duration.between(first, last);
        return span.isZero() ? OptionalDouble.empty() : OptionalDouble.of(perSecond(completed, span));
    }

    private static double perSecond(int count, Duration elapsed) {
        long nanos = Math.max(1, elapsed.toNanos());
        return count * 1e9 / nanos;
    }
}
