package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final Instant FIRST = Instant.parse("2030-01-01T10:00:00.000Z");

    @Test
    void aBurstIsAllDueAtTheFirstInstant() {
        List<Instant> times = Scenario.BURST.dueTimes(FIRST, 4, Duration.ofSeconds(60));

        assertThat(times).hasSize(4).containsOnly(FIRST);
    }

    @Test
    void aDeliveryScenarioIsAllDueAtTheFirstInstantAndDeliveredToTheBench() {
        assertThat(Scenario.DELIVERY.dueTimes(FIRST, 3, Duration.ofSeconds(60))).containsExactly(FIRST, FIRST, FIRST);
        assertThat(Scenario.DELIVERY.delivers()).isTrue();
        assertThat(Scenario.BURST.delivers()).isFalse();
        assertThat(Scenario.SPREAD.delivers()).isFalse();
    }

    @Test
    void aSpreadIsDueEvenlyFromTheFirstInstantToTheEndOfTheWindow() {
        List<Instant> times = Scenario.SPREAD.dueTimes(FIRST, 5, Duration.ofSeconds(60));

        assertThat(times)
                .containsExactly(
                        FIRST,
                        FIRST.plusSeconds(15),
                        FIRST.plusSeconds(30),
                        FIRST.plusSeconds(45),
                        FIRST.plusSeconds(60));
    }

    @Test
    void aSpreadKeepsWholeMillisecondsInOrder() {
        List<Instant> times = Scenario.SPREAD.dueTimes(FIRST, 7, Duration.ofSeconds(1));

        assertThat(times).isSorted().first().isEqualTo(FIRST);
        assertThat(times.getLast()).isEqualTo(FIRST.plusSeconds(1));
        assertThat(times)
                .allSatisfy(time -> assertThat(time.getNano() % 1_000_000).isZero());
    }

    @Test
    void aSpreadOfOneTaskIsDueAtTheFirstInstant() {
        assertThat(Scenario.SPREAD.dueTimes(FIRST, 1, Duration.ofSeconds(60))).containsExactly(FIRST);
    }
}
