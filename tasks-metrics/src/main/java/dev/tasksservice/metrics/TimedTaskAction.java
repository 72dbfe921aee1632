package dev.tasksservice.metrics;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskMetrics;
import java.time.Duration;
import java.time.Instant;

/** The task action, each delivery to a target timed, whatever it answered, and told to the metrics. */
public final class TimedTaskAction implements TaskAction {

    private final TaskAction action;
    private final TaskMetrics metrics;

    public TimedTaskAction(TaskAction action, TaskMetrics metrics) {
        this.action = action;
        this.metrics = metrics;
    }

    @Override
    public Delivery perform(Task task, Instant startedAt) throws Exception {
        long start = System.nanoTime();
        try {
            return action.perform(task, startedAt);
        } finally {
            metrics.targetCalled(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
