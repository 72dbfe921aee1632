package dev.tasksservice.infra;

import dev.tasksservice.domain.model.RetryPolicy;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.RetryProps;

/**
 * The retries of the state machine. The task's own attempts follow the domain's {@link RetryPolicy}, counted in the
 * execution's data (so a retry after a platform error runs the same attempt again, and cannot run the task twice);
 * errors of the Lambda platform are retried apart and use up none of them.
 */
public final class StepFunctionsRetry {

    /**
     * The errors with which Lambda refuses or loses an invocation (throttled, service trouble, network), as Step
     * Functions names them. The function did not run, or its result is unknown: the same attempt is tried again.
     */
    public static final List<String> PLATFORM_ERRORS = List.of(
            "Lambda.TooManyRequestsException",
            "Lambda.ServiceException",
            "Lambda.SdkClientException",
            "Lambda.AWSLambdaException");

    /**
     * Throttling under a burst of due tasks clears in seconds to minutes: ten tries over up to five minutes, each
     * pause drawn at random below the exponential bound so that throttled executions do not come back together.
     */
    static final RetryProps PLATFORM_RETRY = RetryProps.builder()
            .errors(PLATFORM_ERRORS)
            .maxAttempts(10)
            .interval(Duration.seconds(1))
            .backoffRate(2.0)
            .maxDelay(Duration.seconds(60))
            .jitterStrategy(JitterType.FULL)
            .build();

    /**
     * Recording FAILED is idempotent (a conditional update that leaves a final task alone), so it is retried on any
     * error. A few seconds suffice: should it still fail, the execution fails saying so, and the poller's sweep records
     * it later.
     */
    static final RetryProps MARK_FAILED_RETRY = RetryProps.builder()
            .errors(List.of(Errors.ALL))
            .maxAttempts(2)
            .interval(Duration.seconds(1))
            .backoffRate(2.0)
            .jitterStrategy(JitterType.FULL)
            .build();

    private StepFunctionsRetry() {}

    /**
     * The pauses of {@code policy} in whole seconds (a Wait state waits whole seconds), rounded up so that no pause is
     * shorter than the policy's; indexed by the attempt that failed: element {@code n} is the pause after attempt
     * {@code n}, element 0 unused (0).
     */
    public static List<Long> pausesInSeconds(RetryPolicy policy) {
        return IntStream.range(0, policy.maxAttempts())
                .mapToObj(attempt -> attempt == 0 ? 0L : wholeSecondsUp(policy.pauseAfter(attempt)))
                .toList();
    }

    /**
     * The intrinsic function that picks the pause after attempt {@code attemptPath} out of {@link #pausesInSeconds}.
     */
    static String pauseAfter(RetryPolicy policy, String attemptPath) {
        String pauses = pausesInSeconds(policy).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "States.ArrayGetItem(States.Array(" + pauses + "), " + attemptPath + ")";
    }

    private static long wholeSecondsUp(java.time.Duration pause) {
        return (pause.toMillis() + 999) / 1000;
    }
}
