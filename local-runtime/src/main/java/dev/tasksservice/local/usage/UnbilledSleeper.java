package dev.tasksservice.local.usage;

import dev.tasksservice.domain.port.out.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The executor's sleeper, its wait split as the deployed workflows split it. Step Functions ends a Wait state on the
 * whole second, dropping the milliseconds: that part is no function's work ({@link WaitedTime}). In the Express
 * workflow a small function ({@value #MILLISECOND_WAIT}, 128 MB) then waits the milliseconds up to {@link #HOP} before
 * the time, counted as its invocation; the executor sleeps the rest, billed as its own time. In the Standard workflow
 * the executor sleeps all the milliseconds.
 */
public final class UnbilledSleeper implements Sleeper {

    /** The function that waits out the milliseconds in the Express workflow, as the bench prices it. */
    public static final String MILLISECOND_WAIT = "millisecondWait";

    /** How long before the task's time that function returns (the stack's {@code MillisecondWait.HOP_MILLIS}). */
    public static final Duration HOP = Duration.ofMillis(100);

    private static final ThreadLocal<Boolean> IN_EXPRESS_RUN = ThreadLocal.withInitial(() -> false);

    private final Sleeper sleeper;
    private final Supplier<AwsUsage> usage;

    public UnbilledSleeper(Sleeper sleeper, Supplier<AwsUsage> usage) {
        this.sleeper = sleeper;
        this.usage = usage;
    }

    /** Runs {@code attempt} as an attempt in the Express workflow, whose millisecond wait is a function of its own. */
    public static <T> T inExpressRun(Supplier<T> attempt) {
        IN_EXPRESS_RUN.set(true);
        try {
            return attempt.get();
        } finally {
            IN_EXPRESS_RUN.set(false);
        }
    }

    @Override
    public void sleepUntil(Instant instant) throws InterruptedException {
        Instant waitStateEnds = instant.truncatedTo(ChronoUnit.SECONDS);
        WaitedTime.during(() -> sleeper.sleepUntil(waitStateEnds));
        if (IN_EXPRESS_RUN.get()) {
            long start = System.nanoTime();
            WaitedTime.during(() -> sleeper.sleepUntil(instant.minus(HOP)));
            usage.get().invoked(MILLISECOND_WAIT, (System.nanoTime() - start) / 1_000_000);
        }
        sleeper.sleepUntil(instant);
    }
}
