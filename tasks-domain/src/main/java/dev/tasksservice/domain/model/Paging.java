package dev.tasksservice.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sweep over the store is bounded: it reads {@code pageSize} tasks at a time and starts no new page once
 * {@code budget} has passed, so a backlog is worked off over several runs instead of overrunning one.
 */
public record Paging(int pageSize, Duration budget) {

    /** 100 tasks a page, 40 s in all: well inside the poller's one-minute Lambda timeout. */
    public static final Paging DEFAULT = new Paging(100, Duration.ofSeconds(40));

    public Paging {
        Objects.requireNonNull(budget, "budget");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative");
        }
    }
}
