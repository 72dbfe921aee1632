package dev.tasksservice.functions;

import dev.tasksservice.domain.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** Sleeps until the clock shows the instant, checking the clock again after each wake so it never returns early. */
public final class ClockSleeper implements Sleeper {

    private final Clock clock;

    public ClockSleeper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        Instant now = clock.instant();
        while (now.isBefore(instant)) {
            LockSupport.parkNanos(Duration.between(now, instant).toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting for " + instant);
            }
            now = clock.instant();
        }
    }
}
