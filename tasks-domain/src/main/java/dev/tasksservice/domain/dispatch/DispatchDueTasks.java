package dev.tasksservice.domain.dispatch;

import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.FindDueTasks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
    private final Paging paging;
    private final AtomicReference<String> resumeAt = new AtomicReference<>();

    /** With the default paging: 100 tasks a page, 40 s in all. */
    public DispatchDueTasks(FindDueTasks store, DispatchQueue queue, Clock clock) {
        this(store, queue, clock, Paging.DEFAULT);
    }

    public DispatchDueTasks(FindDueTasks store, DispatchQueue queue, Clock clock, Paging paging) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.paging = Objects.requireNonNull(paging, "paging");
    }

    public Report run() {
        Instant now = clock.instant();
        Instant deadline = now.plus(paging.budget());
        int due = 0;
        int sent = 0;
        int pages = 0;
        List<UUID> failed = new ArrayList<>();
        String cursor = resumeAt.getAndSet(null);
        do {
            TaskPage page = store.findDue(now, paging.pageSize(), cursor);
            pages++;
            if (!page.items().isEmpty()) {
                List<UUID> notSent = queue.send(page.items());
                due += page.items().size();
                sent += page.items().size() - notSent.size();
                notSent.stream().limit(MAX_FAILED_IDS - failed.size()).forEach(failed::add);
            }
            cursor = page.nextCursor();
            if (cursor != null && !clock.instant().isBefore(deadline)) {
                resumeAt.set(cursor);
                return new Report(due, sent, failed, pages, true);
            }
        } while (cursor != null);
        return new Report(due, sent, failed, pages, false);
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
}
