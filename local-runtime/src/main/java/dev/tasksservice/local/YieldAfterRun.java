package dev.tasksservice.local;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Instant;

/**
 * Where many tasks fall due at once in one JVM, recording a run comes second to running the others: after each run
 * the thread yields before the executor spends its time on the store. On Lambda, where one process runs one attempt,
 * there is nothing to yield to, so this lives in the local runtime only.
 */
final class YieldAfterRun implements TaskAction {

    private final TaskAction action;

    YieldAfterRun(TaskAction action) {
        this.action = action;
    }

    @Override
    public Delivery perform(Task task, Instant startedAt) throws Exception {
        try {
            return action.perform(task, startedAt);
        } finally {
            Thread.yield();
        }
    }
}
