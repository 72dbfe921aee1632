package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Task;
import java.time.Instant;

/** What running a task means: delivering it to its target. Called once per attempt, at or after its timestamp. */
public interface TaskAction {

    /**
     * Delivers the task once.
     *
     * @param startedAt the instant the attempt began, recorded as the task's executedAt when it succeeds
     * @return what the target answered; an exception thrown counts as a failure worth retrying
     */
    Delivery perform(Task task, Instant startedAt) throws Exception;
}
