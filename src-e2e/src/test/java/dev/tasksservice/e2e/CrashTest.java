package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrashTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00.000Z");

    @Test
    void theOutageRunsFromTheWakeLeadBeforeTheCrashToTheWakeLeadAfterTheRecovery() {
        Crash kill = new Crash(Crash.Kind.RUNTIME_KILLED, 1, T0.plusSeconds(10), T0.plusSeconds(20));

        assertThat(kill.covers(T0.plusMillis(7_999))).isFalse();
        assertThat(kill.covers(T0.plusSeconds(8))).isTrue();
        assertThat(kill.covers(T0.plusSeconds(22))).isTrue();
        assertThat(kill.covers(T0.plusMillis(22_001))).isFalse();
        assertThat(kill.describe(T0)).isEqualTo("kill 1 at +10.0 s, back 10.0 s later");
    }

    @Test
    void thePlanDrawsEachCrashInTheWindowNumbersTheKillsInTimeOrderAndRepeatsWithTheSameSeed() {
        Instant from = T0;
        Instant to = T0.plusSeconds(100);

        List<CrashPlan.Planned> plan = CrashPlan.draw(new Random(7), 3, true, from, to);

        assertThat(plan).hasSize(4).isSortedAccordingTo(java.util.Comparator.comparing(CrashPlan.Planned::at));
        assertThat(plan).allSatisfy(crash -> assertThat(crash.at()).isBetween(from, to));
        assertThat(plan.stream()
                        .filter(crash -> crash.kind() == Crash.Kind.RUNTIME_KILLED)
                        .map(CrashPlan.Planned::number))
                .containsExactly(1, 2, 3);
        assertThat(plan)
                .filteredOn(crash -> crash.kind() == Crash.Kind.DYNALITE_RESTARTED)
                .hasSize(1);
        assertThat(CrashPlan.draw(new Random(7), 3, true, from, to)).isEqualTo(plan);
    }

    @Test
    void anEmptyWindowPutsEveryCrashAtItsStart() {
        assertThat(CrashPlan.draw(new Random(1), 2, false, T0, T0))
                .extracting(CrashPlan.Planned::at)
                .containsOnly(T0);
    }
}
