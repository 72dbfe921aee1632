package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Task;
import java.time.Duration;
import java.time.Instant;

/**
 * Which workflow runs a task on AWS. A Standard workflow bills each state it enters ($25 a million): four for an
 * attempt, $100 a million tasks, however short the wait. An Express workflow bills its start ($1 a million) and its
 * duration ($1.04 a million for each second at its 64 MB), so it is the cheaper one for a wait under about 95 s, and it
 * may not run longer than 5 minutes. The dispatch queue holds each task until a few seconds before its time, so the
 * first attempt of a task almost always starts that close to it and runs in the Express workflow; a task that is
 * started earlier, and every later attempt (a retry waits its backoff, up to hours), runs in the Standard one.
 */
public final class ExpressFirstRun {

    /**
     * The longest wait started in an Express workflow: 60 s of waiting cost $62 a million, still under the Standard
     * workflow's $100, and leave minutes of the 5 for the executor and its retries on Lambda's errors.
     */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private ExpressFirstRun() {}

    /** Whether the run of {@code task} started at {@code now} goes to the Express workflow. */
    public static boolean fits(Task task, Instant now) {
        return task.attempts() == 0 && Duration.between(now, task.nextRunAt()).compareTo(MAX_WAIT) <= 0;
    }
}
