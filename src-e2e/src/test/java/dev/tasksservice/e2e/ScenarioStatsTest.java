package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.client.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScenarioStatsTest {

    private static final Instant DUE = Instant.parse("2030-01-01T10:00:00.000Z");
    private static final Instant CREATION_START = DUE.minusSeconds(5);

    private final List<CreatedTask> created = new ArrayList<>();
    private final Map<UUID, Task> lastSeen = new HashMap<>();

    @Test
    void measuresLatenessAndRatesFromTheServersRecords() {
        ranAfter("a", 10, 2);
        ranAfter("b", 20, 4);
        ranAfter("c", 30, 6);
        ranAfter("d", 1010, 8);

        ScenarioStats stats = stats(4, Duration.ofSeconds(2));

        assertThat(stats.completed()).isEqualTo(4);
        assertThat(stats.latenessMillis().at(50)).isEqualTo(20);
        assertThat(stats.latenessMillis().max()).isEqualTo(1010);
        // 4 completed over the 1000 ms from the first executedAt to the last.
        assertThat(stats.firedPerSecond()).hasValue(4.0);
        assertThat(stats.postMillis().at(50)).isEqualTo(4);
        assertThat(stats.postMillis().at(99)).isEqualTo(8);
        // 4 created in the 2 s the creation took.
        assertThat(stats.createsPerSecond()).isEqualTo(2.0);
        assertThat(stats.creationTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stats.creationMargin()).isEqualTo(Duration.ofSeconds(3));
        assertThat(stats.early()).isZero();
        assertThat(stats.passed()).isTrue();
    }

    @Test
    void countsEarlyNeverRanFailedAndNotCreatedApart() {
        ranAfter("early", -5, 1);
        ranAfter("fine", 0, 1);
        add("waiting", TestTasks.scheduled("waiting", DUE));
        add("running", TestTasks.withStatus("running", "IN_PROGRESS", DUE));
        add("failed", TestTasks.failed("failed", DUE, "boom"));

        ScenarioStats stats = stats(6, Duration.ofSeconds(1));

        assertThat(stats.early()).isEqualTo(1);
        assertThat(stats.completed()).isEqualTo(2);
        assertThat(stats.neverRan()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.notCreated()).isEqualTo(1);
        assertThat(stats.latenessMillis().at(50)).isEqualTo(-5);
        assertThat(stats.passed()).isFalse();
    }

    @Test
    void hasNoFiringRateForASingleTaskAndNoLatenessWhenNoneRan() {
        ranAfter("only", 15, 3);
        assertThat(stats(1, Duration.ofSeconds(1)).firedPerSecond()).isEmpty();

        created.clear();
        lastSeen.clear();
        add("waiting", TestTasks.scheduled("waiting", DUE));
        ScenarioStats none = stats(1, Duration.ofSeconds(1));
        assertThat(none.latenessMillis().isEmpty()).isTrue();
        assertThat(none.neverRan()).isEqualTo(1);
        assertThat(none.passed()).isFalse();
    }

    @Test
    void aNegativeCreationMarginMeansCreationEndedAfterTheDueTime() {
        ranAfter("a", 100, 1);

        assertThat(stats(1, Duration.ofSeconds(6)).creationMargin()).isEqualTo(Duration.ofSeconds(-1));
    }

    private void ranAfter(String id, long lateMillis, long postMillis) {
        created.add(new CreatedTask(TestTasks.scheduled(id, DUE), Duration.ofMillis(postMillis), CREATION_START));
        lastSeen.put(TestTasks.id(id), TestTasks.completed(id, DUE, DUE.plusMillis(lateMillis)));
    }

    private void add(String id, Task last) {
        created.add(new CreatedTask(TestTasks.scheduled(id, DUE), Duration.ofMillis(1), CREATION_START));
        lastSeen.put(TestTasks.id(id), last);
    }

    private ScenarioStats stats(int requested, Duration creationTime) {
        CreationResult creation =
                new CreationResult(created, List.of(), false, CREATION_START, CREATION_START.plus(creationTime));
        return ScenarioStats.of(Scenario.BURST, Collections.nCopies(requested, DUE), creation, lastSeen);
    }
}
