package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepFunctionsRetryTest {

    @Test
    void pausesFollowThePolicyIndexedByTheAttemptThatFailed() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(3), 2.0);

        assertThat(StepFunctionsRetry.pausesInSeconds(policy)).containsExactly(0L, 3L, 6L, 12L);
        assertThat(StepFunctionsRetry.pauseAfter(policy, "$.attempt"))
                .isEqualTo("States.ArrayGetItem(States.Array(0, 3, 6, 12), $.attempt)");
    }

    @Test
    void pauseThatIsNoWholeSecondIsRoundedUpNeverShortened() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1500), 1.5);

        assertThat(StepFunctionsRetry.pausesInSeconds(policy)).containsExactly(0L, 2L, 3L);
    }

    @Test
    void policyOfOneAttemptHasNoPause() {
        assertThat(StepFunctionsRetry.pausesInSeconds(new RetryPolicy(1, Duration.ofSeconds(1), 1.0)))
                .isEqualTo(List.of(0L));
    }

    @Test
    void platformErrorsAreRetriedWithJitterAndNeverAsATaskFailure() {
        // The errors with which Lambda refuses or loses an invocation, as Step Functions names them.
        assertThat(StepFunctionsRetry.PLATFORM_RETRY.getErrors())
                .containsExactlyInAnyOrder(
                        "Lambda.TooManyRequestsException",
                        "Lambda.ServiceException",
                        "Lambda.SdkClientException",
                        "Lambda.AWSLambdaException");
        assertThat(StepFunctionsRetry.PLATFORM_RETRY.getJitterStrategy().name()).isEqualTo("FULL");
    }
}
