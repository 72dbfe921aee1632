package dev.tasksservice.domain.model;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A walk through pages of tasks bounded by {@link Paging}: one page at a time, no new page once the budget is used.
 * A walk that stops on its budget remembers its cursor, and the next walk of the same instance goes on from there, so
 * a backlog is worked off over several runs even when the tasks already visited stay where they are; a walk that
 * reaches the end starts the next one from the first page. Only one page is held in memory.
 */
public final class PagedWalk {

    private final Paging paging;
    private final Clock clock;
    private final AtomicReference<String> resumeAt = new AtomicReference<>();

    public PagedWalk(Paging paging, Clock clock) {
        this.paging = Objects.requireNonNull(paging, "paging");
        this.clock = clock;
    }

    public int pageSize() {
        return paging.pageSize();
    }

    /**
     * Reads pages with {@code read} (given the cursor, null for the first page) and hands each page's tasks to
     * {@code visit}.
     *
     * @return what the walk did
     */
    public Result walk(Function<String, TaskPage> read, Consumer<List<Task>> visit) {
        Instant deadline = clock.instant().plus(paging.budget());
        String cursor = resumeAt.getAndSet(null);
        int pages = 0;
        do {
            TaskPage page = read.apply(cursor);
            pages++;
            visit.accept(page.items());
            cursor = page.nextCursor();
            if (cursor != null && !clock.instant().isBefore(deadline)) {
                resumeAt.set(cursor);
                return new Result(pages, true);
            }
        } while (cursor != null);
        return new Result(pages, false);
    }

    /**
     * @param pages how many pages the walk read
     * @param stoppedOnBudget whether it stopped because its time was used, with tasks possibly left
     */
    public record Result(int pages, boolean stoppedOnBudget) {}
}
