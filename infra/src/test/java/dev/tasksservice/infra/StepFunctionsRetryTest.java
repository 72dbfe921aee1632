package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tasksservice.domain.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.stepfunctions.RetryProps;

class StepFunctionsRetryTest {

    @Test
    void retriesEveryErrorUntilThePolicysAttemptsAreUsedUp() {
        RetryProps retry = StepFunctionsRetry.of(new RetryPolicy(4, Duration.ofSeconds(3), 2.0));

        assertThat(retry.getErrors()).isEqualTo(List.of("States.ALL"));
        assertThat(retry.getMaxAttempts().intValue()).isEqualTo(3);
        assertThat(retry.getInterval().toSeconds().intValue()).isEqualTo(3);
        assertThat(retry.getBackoffRate().doubleValue()).isEqualTo(2.0);
    }

    @Test
    void policyOfOneAttemptRetriesNothing() {
        RetryProps retry = StepFunctionsRetry.of(new RetryPolicy(1, Duration.ofSeconds(1), 1.0));

        assertThat(retry.getMaxAttempts().intValue()).isZero();
    }

    @Test
    void intervalThatStepFunctionsCannotWaitIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StepFunctionsRetry.of(new RetryPolicy(3, Duration.ofMillis(1500), 1.0)))
                .withMessageContaining("whole seconds");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StepFunctionsRetry.of(new RetryPolicy(3, Duration.ZERO, 1.0)))
                .withMessageContaining("at least one");
    }
}
