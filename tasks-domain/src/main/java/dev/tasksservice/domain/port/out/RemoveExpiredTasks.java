package dev.tasksservice.domain.port.out;

import java.time.Instant;

/**
 * Removes the finished tasks whose retention has ended ({@link dev.tasksservice.domain.model.Retention}): what a
 * runtime without a store-side expiry (DynamoDB's time to live) runs on a schedule.
 */
public interface RemoveExpiredTasks {

    /**
     * Removes the tasks that had expired at {@code now}, looking at no more than {@code budget} tasks. A run that stops
     * on its budget leaves the rest to the next run, which goes on from there; a task that changed meanwhile (it no
     * longer has an expiry, or a later one) stays.
     *
     * @return how many tasks were removed
     */
    int removeExpired(Instant now, int budget);
}
