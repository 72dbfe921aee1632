package dev.tasksservice.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The deliveries of a task after its first, each put down to the crash that caused it, or to none. A kill -9 (or the
 * table out of reach) between a webhook's delivery and the write that records it leaves the task IN_PROGRESS with an
 * attempt that delivered but was never recorded: the recovery then runs the next attempt, and the target receives the
 * task again. That is the one window a repeat may come from: a crash between the two deliveries, and the earlier
 * delivery's attempt missing from the attempts the task recorded. Anything else is a repeat outside the window.
 */
final class SecondDeliveries {

    private SecondDeliveries() {}

    /**
     * A delivery after the first.
     *
     * @param crash the crash it followed, in the window; null when outside it
     * @param why for one outside the window, why it is
     */
    record Repeat(
            UUID task, WebhookReceiver.Arrival previous, WebhookReceiver.Arrival repeat, Crash crash, String why) {

        boolean inWindow() {
            return crash != null;
        }
    }

    /**
     * @param deliveries each task's deliveries, in arrival order
     * @param crashes the run's crashes
     * @param recordedAttempts the numbers of the attempts a task recorded (read only for tasks delivered twice)
     */
    static List<Repeat> classify(
            Map<UUID, List<WebhookReceiver.Arrival>> deliveries,
            List<Crash> crashes,
            Function<UUID, Set<Integer>> recordedAttempts) {
        List<Repeat> repeats = new ArrayList<>();
        deliveries.forEach((task, arrivals) -> {
            if (arrivals.size() < 2) {
                return;
            }
            Set<Integer> recorded = recordedAttempts.apply(task);
            for (int i = 1; i < arrivals.size(); i++) {
                repeats.add(classify(task, arrivals.get(i - 1), arrivals.get(i), crashes, recorded));
            }
        });
        repeats.sort(Comparator.comparing(repeat -> repeat.repeat().at()));
        return List.copyOf(repeats);
    }

    private static Repeat classify(
            UUID task,
            WebhookReceiver.Arrival previous,
            WebhookReceiver.Arrival repeat,
            List<Crash> crashes,
            Set<Integer> recorded) {
        List<Crash> between = crashes.stream()
                .filter(candidate -> candidate.between(previous.at(), repeat.at()))
                .toList();
        // A delivery made during an outage (dynalite down, or a runtime still coming back) is put down to that outage:
        // its record could not be written then. Otherwise the first crash after the earlier delivery is the one its
        // record did not survive.
        Crash crash = between.stream()
                .filter(candidate -> candidate.during(previous.at()))
                .max(Comparator.comparing(Crash::at))
                .or(() -> between.stream()
                        .filter(candidate -> !candidate.at().isBefore(previous.at()))
                        .min(Comparator.comparing(Crash::at)))
                .orElseGet(() ->
                        between.stream().max(Comparator.comparing(Crash::at)).orElse(null));
        if (crash == null) {
            return new Repeat(task, previous, repeat, null, "no crash between the two deliveries");
        }
        if (previous.attempt() != null && recorded.contains(previous.attempt())) {
            return new Repeat(
                    task,
                    previous,
                    repeat,
                    null,
                    "attempt " + previous.attempt() + " was recorded, yet the task was delivered again");
        }
        return new Repeat(task, previous, repeat, crash, null);
    }
}
