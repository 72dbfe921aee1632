package dev.tasksservice.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a client wants a task to run: at an instant, or after a delay from now. */
public sealed interface DueTime {

    /** The instant meant, given the current one. */
    Instant resolve(Instant now);

    /** The request field(s) that expressed this time, to name in an error. */
    String field();

    static DueTime at(Instant instant) {
        return new At(instant);
    }

    static DueTime after(Duration delay) {
        return new After(delay);
    }

    record At(Instant instant) implements DueTime {
        public At {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public Instant resolve(Instant now) {
            return instant;
        }

        @Override
        public String field() {
            return "timestamp";
        }
    }

    record After(Duration delay) implements DueTime {
        public After {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public Instant resolve(Instant now) {
            return now.plus(delay);
        }

        @Override
        public String field() {
            return "hours/minutes/seconds";
        }
    }
}
