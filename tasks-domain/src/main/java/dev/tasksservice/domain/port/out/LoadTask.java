package dev.tasksservice.domain.port.out;

import dev.tasksservice.domain.model.Task;
import java.util.Optional;
import java.util.UUID;

/** Reads one task by its id. */
public interface LoadTask {

    Optional<Task> find(UUID id);
}
