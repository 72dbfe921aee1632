package dev.tasksservice.domain;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A workflow that keeps which tasks it was asked to start and stop. */
public final class RecordingWorkflow implements TaskWorkflow {

    private final List<UUID> started = new CopyOnWriteArrayList<>();
    private final List<UUID> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void start(Task task) {
        started.add(task.id());
    }

    @Override
    public void stop(UUID taskId) {
        stopped.add(taskId);
    }

    public List<UUID> started() {
        return List.copyOf(started);
    }

    public List<UUID> stopped() {
        return List.copyOf(stopped);
    }
}
