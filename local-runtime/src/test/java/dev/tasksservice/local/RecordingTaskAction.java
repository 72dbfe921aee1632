package dev.tasksservice.local;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A task action that remembers every run, shared by every application context in the test JVM (so a restart keeps
 * the record), and fails for tasks whose payload asks it to.
 */
final class RecordingTaskAction implements TaskAction {

    static final RecordingTaskAction INSTANCE = new RecordingTaskAction();

    private final Map<UUID, List<Instant>> runs = new ConcurrentHashMap<>();

    private RecordingTaskAction() {}

    @Override
    public void perform(Task task, Instant executedAt) {
        runs.computeIfAbsent(task.id(), id -> new CopyOnWriteArrayList<>()).add(executedAt);
        if (task.payloadJson().orElse("").contains("\"fail\":true")) {
            throw new IllegalStateException("the endpoint refused task " + task.id());
        }
    }

    /** How many times the task ran (attempts included). */
    int runs(UUID id) {
        return runs.getOrDefault(id, List.of()).size();
    }

    /** The executedAt of every run of the task, in the order they ran. */
    List<Instant> executedAt(UUID id) {
        return List.copyOf(runs.getOrDefault(id, List.of()));
    }
}
