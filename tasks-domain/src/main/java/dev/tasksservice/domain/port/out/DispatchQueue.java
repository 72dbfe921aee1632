package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import java.util.List;
import java.util.UUID;

/** The queue that hands due tasks to the workers that start their workflows. */
public interface DispatchQueue {

    /**
     * Sends one message per task. Sending the same task twice is harmless: the consumer starts each workflow once.
     *
     * @return the ids of the tasks that could not be sent (empty when all were sent)
     */
    List<UUID> send(List<Task> tasks);
}
