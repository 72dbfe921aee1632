package dev.tasksservice.domain;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.DispatchQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A dispatch queue that keeps what it was sent, and refuses the tasks it is told to. */
public final class RecordingQueue implements DispatchQueue {

    private final List<UUID> sent = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private volatile Set<UUID> refused = Set.of();

    public void refuse(Set<UUID> ids) {
        refused = Set.copyOf(ids);
    }

    public List<UUID> sent() {
        return List.copyOf(sent);
    }

    /** The size of each call to {@link #send}. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public List<UUID> send(List<Task> tasks) {
        batchSizes.add(tasks.size());
        List<UUID> failed = new ArrayList<>();
        for (Task task : tasks) {
            if (refused.contains(task.id())) {
                failed.add(task.id());
            } else {
                sent.add(task.id());
            }
        }
        return failed;
    }
}
