package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a bench scenario places its tasks in time. */
enum Scenario {
    /** Every task due at the same instant: the worst case for the pipeline's fan-out. */
    BURST,
    /** Tasks due evenly over the spread window: a steady stream. */
    SPREAD,
    /**
     * Every task due at the same instant, each delivered by HTTP to a receiver the bench runs, which measures when the
     * deliveries arrive.
     */
    DELIVERY;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the scenario's tasks are delivered to the bench's receiver. */
    boolean delivers() {
        return this == DELIVERY;
    }

    /** The due times of {@code count} tasks, the first at {@code first}, in order. */
    List<Instant> dueTimes(Instant first, int count, Duration spread) {
        List<Instant> times = new ArrayList<>(count);
        long spreadMillis = this != SPREAD || count == 1 ? 0 : spread.toMillis();
        for (int i = 0; i < count; i++) {
            // The last task is due at first + spread exactly; whole millis, as the API keeps them.
            long offset = count == 1 ? 0 : spreadMillis * i / (count - 1);
            times.add(first.plusMillis(offset));
        }
        return times;
    }
}
