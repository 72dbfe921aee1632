package dev.tasksservice.infra;

import dev.tasksservice.domain.RetryPolicy;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.RetryProps;

/** The task's retry policy as a Step Functions Retry, so the state machine retries exactly as the local workflow. */
public final class StepFunctionsRetry {

    private StepFunctionsRetry() {}

    /**
     * A Retry on every error that makes {@code policy.maxAttempts()} attempts in all.
     *
     * @throws IllegalArgumentException if the interval is not a whole number of seconds, which is all Step Functions
     *     can wait between attempts
     */
    public static RetryProps of(RetryPolicy policy) {
        long intervalMillis = policy.interval().toMillis();
        if (intervalMillis < 1000 || intervalMillis % 1000 != 0) {
            throw new IllegalArgumentException(
                    "Step Functions waits whole seconds, at least one, between attempts: " + policy.interval());
        }
        return RetryProps.builder()
                .errors(List.of(Errors.ALL))
                // Step Functions' MaxAttempts counts the retries after the first attempt; the policy counts every
                // attempt, the first included.
                .maxAttempts(policy.maxAttempts() - 1)
                .interval(Duration.seconds(intervalMillis / 1000))
                .backoffRate(policy.backoffRate())
                .build();
    }
}
