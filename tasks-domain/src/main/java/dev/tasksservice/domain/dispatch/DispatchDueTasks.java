package dev.tasksservice.domain.dispatch;

import dev.tasksservice.domain.model.PagedWalk;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.FindDueTasks;
import dev.tasksservice.domain.port.out.TaskMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The poller's use case: the SCHEDULED tasks whose pick-up second has come go to the dispatch queue, one page at a
 * time. Dispatched tasks stay SCHEDULED until the consumer marks them, so the walk moves on by the store's cursor
 * rather than reading the first page again; it ends when no due task is left or the time budget is used. The next
 * poll of the same instance goes on from where that one stopped, so a backlog drains even while the consumer has not
 * marked the tasks sent (a new instance, or a poll after one that reached the end, starts from the first page; sending
 * a task again is harmless). Only one page is held in memory.
 */
public class DispatchDueTasks {

    /** How many ids of tasks that could not be sent a report keeps; the count covers them all. */
    public static final int MAX_FAILED_IDS = 100;

    private final FindDueTasks store;
    private final DispatchQueue queue;
    private final Clock clock;
    private final PagedWalk walk;
    private final TaskMetrics metrics;

    /** With the default paging: 100 tasks a page, 40 s in all. */
    public DispatchDueTasks(FindDueTasks store, DispatchQueue queue, Clock clock) {
        this(store, queue, clock, Paging.DEFAULT);
    }

    public DispatchDueTasks(FindDueTasks store, DispatchQueue queue, Clock clock, Paging paging) {
        this(store, queue, clock, paging, TaskMetrics.NONE);
    }

    /** @param metrics told how many tasks each page sent */
    public DispatchDueTasks(FindDueTasks store, DispatchQueue queue, Clock clock, Paging paging, TaskMetrics metrics) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.walk = new PagedWalk(paging, clock);
        this.metrics = metrics;
    }

    public Report run() {
        Instant now = clock.instant();
        Tally tally = new Tally();
        PagedWalk.Result result = walk.walk(cursor -> store.findDue(now, walk.pageSize(), cursor), tally::send);
        return new Report(tally.due, tally.sent, tally.failed, result.pages(), result.stoppedOnBudget());
    }

    /**
     * What one poll did. Tasks that could not be sent stay SCHEDULED, so the next poll sends them again; so are the
     * due tasks a poll stopped on its budget before reading.
     *
     * @param due how many due tasks the poll read
     * @param sent how many of them went to the queue
     * @param failed the first ids (at most 100) of the tasks that could not be sent; {@code due - sent} counts them all
     * @param pages how many pages the poll read
     * @param stoppedOnBudget whether the poll stopped because its time was used, with due tasks possibly left
     */
    public record Report(int due, int sent, List<UUID> failed, int pages, boolean stoppedOnBudget) {

        public Report {
            failed = List.copyOf(failed);
        }
    }

    /** What the pages of one poll came to. */
    private final class Tally {
        private int due;
        private int sent;
        private final List<UUID> failed = new ArrayList<>();

        void send(List<Task> tasks) {
            if (tasks.isEmpty()) {
                return;
            }
            List<UUID> notSent = queue.send(tasks);
            due += tasks.size();
            sent += tasks.size() - notSent.size();
            metrics.dispatched(tasks.size() - notSent.size());
            notSent.stream().limit(MAX_FAILED_IDS - failed.size()).forEach(failed::add);
        }
    }
}
