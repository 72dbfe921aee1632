package dev.tasksservice.domain.read;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.port.out.LoadTask;
import java.util.UUID;

/** A client reads one task. */
public class FindTask {

    private final LoadTask tasks;

    public FindTask(LoadTask tasks) {
        this.tasks = tasks;
    }

    /**
     * @throws TaskNotFoundException when there is no such task
     */
    public Task find(UUID id) {
        return tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
    }
}
