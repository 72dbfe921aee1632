package dev.tasksservice.domain;

import dev.tasksservice.domain.port.out.DispatchQueue;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The dispatch queue contract against the in-memory queue of the domain tests. */
class RecordingQueueTest extends DispatchQueueContract {

    private RecordingQueue queue;

    @Override
    protected DispatchQueue newEmptyQueue() {
        queue = new RecordingQueue();
        return queue;
    }

    @Override
    protected void refuse(Set<UUID> taskIds) {
        queue.refuse(taskIds);
    }

    @Override
    protected List<UUID> arrived(int expected) {
        return queue.sent();
    }
}
