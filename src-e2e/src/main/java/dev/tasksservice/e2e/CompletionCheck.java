package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/** EndToEnd's rule: the task is COMPLETED, ran at or after its timestamp, and no later than timestamp + slack. */
final class CompletionCheck {

    private CompletionCheck() {}

    record Verdict(boolean passed, String reason) {}

    /** Judges the last record seen, once the task is final or its deadline has passed. */
    static Verdict judge(Task task, Duration slack) {
        Instant timestamp = task.timestamp();
        if (task.status() != TaskStatus.COMPLETED) {
            return new Verdict(false, notCompleted(task, slack));
        }
        Instant executedAt = task.executedAt();
        if (executedAt == null) {
            return new Verdict(false, "task is COMPLETED but its record has no executedAt");
        }
        long lateMillis = Duration.between(timestamp, executedAt).toMillis();
        if (lateMillis < 0) {
            return new Verdict(
                    false,
                    "task ran early: executedAt %s is %d ms before its timestamp %s"
                            .formatted(executedAt, -lateMillis, timestamp));
        }
        if (lateMillis > slack.toMillis()) {
            return new Verdict(
                    false,
                    "task ran late: executedAt %s is %d ms after its timestamp %s, more than the slack of %d s"
                            .formatted(executedAt, lateMillis, timestamp, slack.toSeconds()));
        }
        return new Verdict(
                true,
                "task COMPLETED at %s, %d ms after its timestamp %s (slack %d s)"
                        .formatted(executedAt, lateMillis, timestamp, slack.toSeconds()));
    }

    private static String notCompleted(Task task, Duration slack) {
        if (task.status() == TaskStatus.FAILED) {
            return "task FAILED (attempts %s, error %s)"
                    .formatted(
                            task.attempts() == null ? "?" : task.attempts(),
                            task.error() == null ? "none given" : task.error());
        }
        if (task.status() == TaskStatus.CANCELLED) {
            return "task was CANCELLED before it ran";
        }
        return "task is still %s %d s after its timestamp %s: it never ran (is the pipeline running?)"
                .formatted(task.status(), slack.toSeconds(), task.timestamp());
    }
}
