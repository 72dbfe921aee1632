package dev.tasksservice.local;

import dev.tasksservice.domain.port.out.RemoveExpiredTasks;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * DynamoDB's time to live, locally: dynalite has none, so the runtime removes the finished tasks whose retention has
 * ended itself, by the same expiry the store sets on AWS. Each run looks at a bounded number of tasks and goes on from
 * there the next time, so a large table costs no long pause.
 */
class ExpiredTaskRemoval {

    private static final Logger log = LoggerFactory.getLogger(ExpiredTaskRemoval.class);

    /** The most tasks one run looks at. */
    static final int BUDGET = 5_000;

    private final RemoveExpiredTasks expired;
    private final Clock clock;

    ExpiredTaskRemoval(RemoveExpiredTasks expired, Clock clock) {
        this.expired = expired;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tasks.local.expiry-interval:5m}",
            fixedDelayString = "${tasks.local.expiry-interval:5m}")
    void run() {
        try {
            int removed = expired.removeExpired(clock.instant(), BUDGET);
            if (removed > 0) {
                log.info("Removed {} finished task(s) whose retention had ended", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Removing expired tasks failed; the next run tries again: {}", e.toString());
        }
    }
}
