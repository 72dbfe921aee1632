package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the receiver saw of a scenario's deliveries: lateness = arrival of a task's first delivery minus its timestamp,
 * deliveries that arrived before their task's timestamp, tasks whose delivery never arrived, and deliveries beyond the
 * first per task (the id each delivery carries is its task's).
 *
 * @param expected the tasks created, each of which should arrive once
 * @param arrived the tasks whose delivery arrived
 * @param latenessMillis the first arrival of each task that arrived, minus its timestamp, in milliseconds
 * @param early deliveries that arrived before their task's timestamp
 * @param missing tasks whose delivery never arrived
 * @param duplicates deliveries beyond the first for the same task
 */
record DeliveryStats(int expected, int arrived, Percentiles latenessMillis, int early, int missing, int duplicates) {

    /** {@code arrivals}: when each delivery of a task arrived, by the task's created record. */
    static DeliveryStats of(List<CreatedTask> created, Function<CreatedTask, List<Instant>> arrivals) {
        int arrived = 0;
        int early = 0;
        int duplicates = 0;
        List<Double> lateness = new ArrayList<>();
        for (CreatedTask task : created) {
            List<Instant> times = arrivals.apply(task);
            if (times.isEmpty()) {
                continue;
            }
            arrived++;
            duplicates += times.size() - 1;
            for (Instant time : times) {
                if (time.isBefore(task.timestamp())) {
                    early++;
                }
            }
            Instant first = times.stream().min(Instant::compareTo).orElseThrow();
            lateness.add(Duration.between(task.timestamp(), first).toNanos() / 1e6);
        }
        return new DeliveryStats(
                created.size(), arrived, Percentiles.of(lateness), early, created.size() - arrived, duplicates);
    }

    /** Every task arrived and none early; duplicates are allowed (delivery is at least once) but reported. */
    boolean passed() {
        return early == 0 && missing == 0;
    }
}
