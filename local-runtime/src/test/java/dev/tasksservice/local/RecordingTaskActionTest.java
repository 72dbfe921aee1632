package dev.tasksservice.local;

import dev.tasksservice.domain.TaskActionContract;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The task action contract against the local runtime tests' recording action, which fails when a task asks it to. */
class RecordingTaskActionTest extends TaskActionContract {

    @Override
    protected TaskAction newAction() {
        return RecordingTaskAction.INSTANCE;
    }

    @Override
    protected List<Instant> runsSeen(UUID taskId) {
        return RecordingTaskAction.INSTANCE.executedAt(taskId);
    }

    @Override
    protected Optional<Task> failing(Task task) {
        return Optional.of(new Task(
                task.id(),
                task.timestamp(),
                task.startExecutionAt(),
                task.status(),
                task.lastUpdatedAt(),
                task.createdAt(),
                "{\"fail\":true}",
                task.requestFingerprint(),
                task.executedAt(),
                task.attempts(),
                task.lastError()));
    }
}
