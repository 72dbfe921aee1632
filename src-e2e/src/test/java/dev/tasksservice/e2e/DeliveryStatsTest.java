package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

    private static final Instant DUE = Instant.parse("2030-01-01T10:00:00.000Z");

    private final Map<UUID, List<Instant>> arrivals = new HashMap<>();

    @Test
    void latenessIsTheFirstArrivalMinusTheTimestampOfEachTaskThatArrived() {
        List<CreatedTask> created = List.of(task("a"), task("b"), task("c"), task("d"));
        arrive("a", 3);
        arrive("b", 12);
        arrive("c", 40, 5);

        DeliveryStats stats = DeliveryStats.of(created, this::arrivalsOf);

        assertThat(stats.expected()).isEqualTo(4);
        assertThat(stats.arrived()).isEqualTo(3);
        assertThat(stats.missing()).isEqualTo(1);
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.early()).isZero();
        // c's first arrival is the one 5 ms late, whatever order the receiver recorded them in.
        assertThat(stats.latenessMillis().min()).isEqualTo(3.0);
        assertThat(stats.latenessMillis().at(50)).isEqualTo(5.0);
        assertThat(stats.latenessMillis().max()).isEqualTo(12.0);
        assertThat(stats.passed()).as("one missing").isFalse();
    }

    @Test
    void everyArrivalBeforeItsTimestampCountsAsEarly() {
        List<CreatedTask> created = List.of(task("a"), task("b"));
        arrive("a", -1, 0);
        arrive("b", 0);

        DeliveryStats stats = DeliveryStats.of(created, this::arrivalsOf);

        assertThat(stats.early()).isEqualTo(1);
        assertThat(stats.missing()).isZero();
        assertThat(stats.passed()).isFalse();
    }

    @Test
    void passesWhenEveryTaskArrivedOnTimeEvenTwice() {
        List<CreatedTask> created = List.of(task("a"), task("b"));
        arrive("a", 0, 900);
        arrive("b", 1);

        DeliveryStats stats = DeliveryStats.of(created, this::arrivalsOf);

        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.passed()).isTrue();
    }

    @Test
    void hasNoLatenessWhenNothingArrived() {
        DeliveryStats stats = DeliveryStats.of(List.of(task("a")), this::arrivalsOf);

        assertThat(stats.latenessMillis().isEmpty()).isTrue();
        assertThat(stats.missing()).isEqualTo(1);
    }

    private CreatedTask task(String label) {
        return new CreatedTask(TestTasks.scheduled(label, DUE), Duration.ofMillis(1), DUE.minusSeconds(5));
    }

    private void arrive(String label, long... lateMillis) {
        List<Instant> times = new ArrayList<>();
        for (long late : lateMillis) {
            times.add(DUE.plusMillis(late));
        }
        arrivals.put(TestTasks.id(label), times);
    }

    private List<Instant> arrivalsOf(CreatedTask task) {
        return arrivals.getOrDefault(task.id(), List.of());
    }
}
