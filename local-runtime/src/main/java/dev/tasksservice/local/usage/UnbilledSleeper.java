package dev.tasksservice.local.usage;

import dev.tasksservice.domain.port.out.Sleeper;
import java.time.Instant;

/** The executor's sleeper, its waits counted as {@link WaitedTime}. */
public final class UnbilledSleeper implements Sleeper {

    private final Sleeper sleeper;

    public UnbilledSleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        WaitedTime.during(() -> sleeper.sleepUntil(instant));
    }
}
