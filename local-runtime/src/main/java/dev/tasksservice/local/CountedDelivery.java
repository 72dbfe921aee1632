package dev.tasksservice.local;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Instant;

/** The task action, counted in {@link DeliveriesFirst} while it delivers. */
final class CountedDelivery implements TaskAction {

    private final TaskAction action;
    private final DeliveriesFirst deliveries;

    CountedDelivery(TaskAction action, DeliveriesFirst deliveries) {
        this.action = action;
        this.deliveries = deliveries;
    }

    @Override
    public Delivery perform(Task task, Instant startedAt) throws Exception {
        deliveries.started();
        try {
            return action.perform(task, startedAt);
        } finally {
            deliveries.ended();
        }
    }
}
