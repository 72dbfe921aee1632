package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A crash Chaos caused: the runtime killed ({@code kill -9}, then started again) or dynalite stopped and started again;
 * when it happened, and when the service was back (the runtime healthy, dynalite listening).
 *
 * @param number the kill's number, from 1, in time order; 0 for the dynalite restart
 */
record Crash(Kind kind, int number, Instant at, Instant backAt) {

    /**
     * The runtime's wake lead: a task due this long after a crash had its attempt claimed already by the runtime that
     * died, and one due this long after the recovery was claimed while the table could not be reached.
     */
    static final Duration WAKE_LEAD = Duration.ofSeconds(2);

    enum Kind {
        RUNTIME_KILLED,
        DYNALITE_RESTARTED
    }

    /** "kill 2" or "dynalite restart". */
    String label() {
        return kind == Kind.RUNTIME_KILLED ? "kill " + number : "dynalite restart";
    }

    /** The label with when it happened and how long the service was out, relative to {@code start}. */
    String describe(Instant start) {
        return "%s at +%s s, back %s s later"
                .formatted(label(), seconds(Duration.between(start, at)), seconds(Duration.between(at, backAt)));
    }

    /**
     * Whether a task due at {@code due} falls in this crash's outage: from {@link #WAKE_LEAD} before the crash to
     * {@link #WAKE_LEAD} after the service was back.
     */
    boolean covers(Instant due) {
        return !due.isBefore(at.minus(WAKE_LEAD)) && !due.isAfter(backAt.plus(WAKE_LEAD));
    }

    /** Whether {@code instant} falls in the outage itself: from the crash until the service was back. */
    boolean during(Instant instant) {
        return !instant.isBefore(at) && !instant.isAfter(backAt);
    }

    /**
     * Whether this crash falls between two deliveries of a task, the first arriving at {@code first} and the next at
     * {@code next}: the first came before the service was back (a delivery on its way at the crash may arrive just
     * after it), the next after the crash.
     */
    boolean between(Instant first, Instant next) {
        return !first.isAfter(backAt) && !next.isBefore(at);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
