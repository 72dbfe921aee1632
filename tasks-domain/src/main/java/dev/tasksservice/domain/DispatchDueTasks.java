package dev.tasksservice.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The poller's use case: every SCHEDULED task whose pick-up second has come goes to the dispatch queue. */
public class DispatchDueTasks {

    private final TaskStore store;
    private final DispatchQueue queue;
    private final Clock clock;

    public DispatchDueTasks(TaskStore store, DispatchQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    public Report run() {
        List<Task> due = store.findDue(clock.instant());
        List<UUID> failed = due.isEmpty() ? List.of() : queue.send(due);
        return new Report(due.size(), failed);
    }

    /**
     * What one poll did. Tasks that could not be sent stay SCHEDULED, so the next poll sends them again.
     *
     * @param due how many tasks were due
     * @param failed the tasks that could not be sent
     */
    public record Report(int due, List<UUID> failed) {

        public Report {
            failed = List.copyOf(failed);
        }

        public int sent() {
            return due - failed.size();
        }
    }
}
