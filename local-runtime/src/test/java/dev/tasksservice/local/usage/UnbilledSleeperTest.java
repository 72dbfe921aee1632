package dev.tasksservice.local.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnbilledSleeperTest {

    private static final Instant DUE = Instant.parse("2030-01-01T00:00:05.730Z");

    private final List<Instant> sleptUntil = new ArrayList<>();
    private final AwsUsage usage = new AwsUsage();
    private final UnbilledSleeper sleeper = new UnbilledSleeper(sleptUntil::add, () -> usage);

    @Test
    void inTheStandardWorkflowTheExecutorSleepsTheMillisecondsAfterTheWaitStatesWholeSecond() throws Exception {
        sleeper.sleepUntil(DUE);

        assertThat(sleptUntil).containsExactly(Instant.parse("2030-01-01T00:00:05Z"), DUE);
        assertThat(usage.snapshot()).isEmpty();
    }

    @Test
    void inTheExpressWorkflowTheMillisecondWaitSleepsThemUpToTheHopAndCountsAsItsOwnInvocation() {
        UnbilledSleeper.inExpressRun(() -> {
            try {
                sleeper.sleepUntil(DUE);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        });

        assertThat(sleptUntil)
                .containsExactly(Instant.parse("2030-01-01T00:00:05Z"), Instant.parse("2030-01-01T00:00:05.630Z"), DUE);
        assertThat(usage.snapshot()).containsEntry(AwsUsage.invocations(UnbilledSleeper.MILLISECOND_WAIT), 1L);
    }

    @Test
    void anExpressRunEndsWithItsAttempt() throws Exception {
        UnbilledSleeper.inExpressRun(() -> null);

        sleeper.sleepUntil(DUE);

        assertThat(sleptUntil).hasSize(2);
    }
}
