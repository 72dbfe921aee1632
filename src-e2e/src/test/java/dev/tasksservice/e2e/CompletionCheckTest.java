package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionCheckTest {

    private static final Instant DUE = Instant.parse("2030-01-01T10:00:00.000Z");
    private static final Duration SLACK = Duration.ofSeconds(10);

    @Test
    void passesATaskCompletedBetweenItsTimestampAndTheSlack() {
        CompletionCheck.Verdict verdict =
                CompletionCheck.judge(TestTasks.completed("t", DUE, DUE.plusMillis(420)), SLACK);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.reason()).contains("420 ms after its timestamp 2030-01-01T10:00:00Z");
    }

    @Test
    void passesATaskRunAtItsTimestampExactlyAndOneRunAtTheEndOfTheSlack() {
        assertThat(CompletionCheck.judge(TestTasks.completed("t", DUE, DUE), SLACK)
                        .passed())
                .isTrue();
        assertThat(CompletionCheck.judge(TestTasks.completed("t", DUE, DUE.plus(SLACK)), SLACK)
                        .passed())
                .isTrue();
    }

    @Test
    void failsATaskRunEvenAMillisecondEarly() {
        CompletionCheck.Verdict verdict =
                CompletionCheck.judge(TestTasks.completed("t", DUE, DUE.minusMillis(1)), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).startsWith("task ran early").contains("1 ms before");
    }

    @Test
    void failsATaskRunAfterTheSlack() {
        CompletionCheck.Verdict verdict = CompletionCheck.judge(
                TestTasks.completed("t", DUE, DUE.plus(SLACK).plusMillis(1)), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).startsWith("task ran late").contains("10001 ms after", "slack of 10 s");
    }

    @Test
    void failsACompletedTaskWithoutExecutedAt() {
        CompletionCheck.Verdict verdict = CompletionCheck.judge(TestTasks.withStatus("t", "COMPLETED", DUE), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).contains("no executedAt");
    }

    @Test
    void failsATaskStillScheduledSayingItNeverRan() {
        CompletionCheck.Verdict verdict = CompletionCheck.judge(TestTasks.scheduled("t", DUE), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).contains("still SCHEDULED 10 s after its timestamp", "never ran");
    }

    @Test
    void failsAFailedTaskWithItsError() {
        CompletionCheck.Verdict verdict = CompletionCheck.judge(TestTasks.failed("t", DUE, "boom"), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("task FAILED (attempts 3, error boom)");
    }

    @Test
    void failsACancelledTask() {
        CompletionCheck.Verdict verdict = CompletionCheck.judge(TestTasks.withStatus("t", "CANCELLED", DUE), SLACK);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason()).contains("CANCELLED");
    }
}
