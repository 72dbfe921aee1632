package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a chaos scenario came to, from what the receiver saw and the tasks' last records: tasks never delivered (lost),
 * delivered before their time (early), delivered more than once (each repeat, with the crash window it followed), not
 * final {@code stuckAfter} after their time (stuck), and the lateness of the first delivery of the tasks due outside
 * every crash's outage.
 */
record ChaosFigures(
        int requested,
        int created,
        int delivered,
        int lost,
        int early,
        int completed,
        int failed,
        int stuck,
        List<SecondDeliveries.Repeat> repeats,
        int dueOutsideOutage,
        Percentiles latenessOutsideOutage,
        Percentiles latenessAll) {

    /**
     * @param created the tasks created
     * @param lastSeen each task's last record
     * @param deliveries each task's deliveries, in arrival order
     * @param crashes the scenario's crashes
     * @param repeats the deliveries after the first, classified
     */
    static ChaosFigures of(
            int requested,
            List<CreatedTask> created,
            Map<UUID, Task> lastSeen,
            Function<UUID, List<WebhookReceiver.Arrival>> deliveries,
            List<Crash> crashes,
            List<SecondDeliveries.Repeat> repeats,
            Duration stuckAfter) {
        int delivered = 0;
        int early = 0;
        int completed = 0;
        int failed = 0;
        int stuck = 0;
        int dueOutside = 0;
        List<Long> outside = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (CreatedTask task : created) {
            Task last = lastSeen.getOrDefault(task.id(), task.task());
            Instant due = task.timestamp();
            List<WebhookReceiver.Arrival> arrivals = deliveries.apply(task.id());
            boolean ranEarly =
                    arrivals.stream().anyMatch(arrival -> arrival.at().isBefore(due))
                            || (last.executedAt() != null && last.executedAt().isBefore(due));
            if (ranEarly) {
                early++;
            }
            if (last.status() == TaskStatus.COMPLETED) {
                completed++;
            } else if (last.status() == TaskStatus.FAILED) {
                failed++;
            }
            if (!last.isFinal()
                    || last.lastUpdatedAt() == null
                    || last.lastUpdatedAt().isAfter(due.plus(stuckAfter))) {
                stuck++;
            }
            boolean outsideOutage = crashes.stream().noneMatch(crash -> crash.covers(due));
            if (outsideOutage) {
                dueOutside++;
            }
            if (arrivals.isEmpty()) {
                continue;
            }
            delivered++;
            long lateness = Duration.between(due, arrivals.getFirst().at()).toMillis();
            all.add(lateness);
            if (outsideOutage) {
                outside.add(lateness);
            }
        }
        return new ChaosFigures(
                requested,
                created.size(),
                delivered,
                created.size() - delivered,
                early,
                completed,
                failed,
                stuck,
                repeats,
                dueOutside,
                Percentiles.of(outside),
                Percentiles.of(all));
    }

    /** The repeats in the window, per crash label, in crash order. */
    Map<String, Integer> repeatsByCrash(List<Crash> crashes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        crashes.forEach(crash -> counts.put(crash.label(), 0));
        repeats.stream()
                .filter(SecondDeliveries.Repeat::inWindow)
                .forEach(repeat -> counts.merge(repeat.crash().label(), 1, Integer::sum));
        return counts;
    }

    /** The repeats outside the window. */
    long repeatsOutsideWindow() {
        return repeats.stream().filter(repeat -> !repeat.inWindow()).count();
    }

    /**
     * Nothing lost, early or stuck, every task created; repeats only in the window, or none at all where {@code
     * repeatsAllowed} is false (two runtimes and no crash).
     */
    boolean passed(boolean repeatsAllowed) {
        boolean repeatsOk = repeatsAllowed ? repeatsOutsideWindow() == 0 : repeats.isEmpty();
        return created == requested && lost == 0 && early == 0 && stuck == 0 && repeatsOk;
    }
}
