package dev.tasksservice.local.usage;

import dev.tasksservice.domain.port.out.Sleeper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The executor's sleeper, with the part of its wait that the deployed workflow's Wait state does counted as
 * {@link WaitedTime}. Step Functions ends a wait on the whole second, dropping the milliseconds, and the executor sleeps
 * out the rest: that part a deployed executor is billed for.
 */
public final class UnbilledSleeper implements Sleeper {

    private final Sleeper sleeper;

    public UnbilledSleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        Instant waitStateEnds = instant.truncatedTo(ChronoUnit.SECONDS);
        WaitedTime.during(() -> sleeper.sleepUntil(waitStateEnds));
        sleeper.sleepUntil(instant);
    }
}
