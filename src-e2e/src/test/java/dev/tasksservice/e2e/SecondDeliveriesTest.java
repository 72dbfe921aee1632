package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecondDeliveriesTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00.000Z");
    private static final Crash KILL = new Crash(Crash.Kind.RUNTIME_KILLED, 1, at(10_000), at(25_000));
    private static final Crash DYNALITE = new Crash(Crash.Kind.DYNALITE_RESTARTED, 0, at(40_000), at(46_000));

    private final Map<UUID, List<WebhookReceiver.Arrival>> deliveries = new HashMap<>();
    private final Map<UUID, Set<Integer>> recorded = new HashMap<>();

    @Test
    void aRepeatAfterACrashWhoseEarlierAttemptWasNeverRecordedIsInThatCrashesWindow() {
        deliver("a", 9_900, 1, 26_000, 2);
        recorded.put(TestTasks.id("a"), Set.of(2));

        List<SecondDeliveries.Repeat> repeats = classify();

        assertThat(repeats).singleElement().satisfies(repeat -> {
            assertThat(repeat.inWindow()).isTrue();
            assertThat(repeat.crash()).isEqualTo(KILL);
            assertThat(repeat.previous().attempt()).isEqualTo(1);
            assertThat(repeat.repeat().attempt()).isEqualTo(2);
        });
    }

    @Test
    void aDeliveryOnItsWayAtTheKillMayArriveJustAfterIt() {
        deliver("a", 10_050, 1, 26_000, 2);

        assertThat(classify())
                .singleElement()
                .extracting(SecondDeliveries.Repeat::crash)
                .isEqualTo(KILL);
    }

    @Test
    void eachRepeatIsPutDownToTheFirstCrashAfterItsEarlierDelivery() {
        deliver("a", 5_000, 1, 47_000, 2);
        deliver("b", 30_000, 1, 47_000, 2);

        List<SecondDeliveries.Repeat> repeats = classify();

        assertThat(repeats)
                .filteredOn(repeat -> repeat.task().equals(TestTasks.id("a")))
                .singleElement()
                .extracting(SecondDeliveries.Repeat::crash)
                .isEqualTo(KILL);
        assertThat(repeats)
                .filteredOn(repeat -> repeat.task().equals(TestTasks.id("b")))
                .singleElement()
                .extracting(SecondDeliveries.Repeat::crash)
                .isEqualTo(DYNALITE);
    }

    @Test
    void aDeliveryDuringTheTablesOutageRepeatedAfterALaterKillIsPutDownToTheOutage() {
        Crash laterKill = new Crash(Crash.Kind.RUNTIME_KILLED, 2, at(60_000), at(80_000));
        deliver("a", 41_000, 1, 81_000, 2);

        assertThat(SecondDeliveries.classify(
                        deliveries, List.of(KILL, DYNALITE, laterKill), id -> recorded.getOrDefault(id, Set.of())))
                .singleElement()
                .extracting(SecondDeliveries.Repeat::crash)
                .isEqualTo(DYNALITE);
    }

    @Test
    void aRepeatWithNoCrashBetweenIsOutsideTheWindow() {
        deliver("a", 26_000, 1, 27_000, 2);

        assertThat(classify()).singleElement().satisfies(repeat -> {
            assertThat(repeat.inWindow()).isFalse();
            assertThat(repeat.why()).isEqualTo("no crash between the two deliveries");
        });
    }

    @Test
    void aRepeatOfAnAttemptThatWasRecordedIsOutsideTheWindowEvenAfterACrash() {
        deliver("a", 9_000, 1, 26_000, 2);
        recorded.put(TestTasks.id("a"), Set.of(1, 2));

        assertThat(classify()).singleElement().satisfies(repeat -> {
            assertThat(repeat.inWindow()).isFalse();
            assertThat(repeat.why()).isEqualTo("attempt 1 was recorded, yet the task was delivered again");
        });
    }

    @Test
    void countsEveryDeliveryAfterTheFirstAndIgnoresTasksDeliveredOnce() {
        deliver("a", 9_000, 1, 26_000, 2, 47_000, 3);
        deliver("b", 30_000, 1);

        List<SecondDeliveries.Repeat> repeats = classify();

        assertThat(repeats).extracting(SecondDeliveries.Repeat::crash).containsExactly(KILL, DYNALITE);
        assertThat(repeats).allSatisfy(repeat -> assertThat(repeat.task()).isEqualTo(TestTasks.id("a")));
    }

    private List<SecondDeliveries.Repeat> classify() {
        return SecondDeliveries.classify(
                deliveries, List.of(KILL, DYNALITE), id -> recorded.getOrDefault(id, Set.of()));
    }

    /** Pairs of (millis after T0, attempt). */
    private void deliver(String label, long... pairs) {
        List<WebhookReceiver.Arrival> arrivals = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            arrivals.add(new WebhookReceiver.Arrival(at(pairs[i]), (int) pairs[i + 1]));
        }
        deliveries.put(TestTasks.id(label), arrivals);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }
}
