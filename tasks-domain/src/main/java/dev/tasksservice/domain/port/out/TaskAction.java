package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import java.time.Instant;

/** What running a task means: called once per attempt, at or after the task's timestamp. */
public interface TaskAction {

    /**
     * Performs the task.
     *
     * @param executedAt the instant the run began, recorded as the task's executedAt
     * @throws Exception when the attempt failed; the workflow retries it as the retry policy says
     */
    void perform(Task task, Instant executedAt) throws Exception;
}
