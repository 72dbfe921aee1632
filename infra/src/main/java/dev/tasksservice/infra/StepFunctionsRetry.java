package dev.tasksservice.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.RetryProps;

/**
 * The one retry of the state machine: errors of the Lambda platform, which use up none of the task's attempts. The
 * task's own attempts are the executor's to decide (it answers when the next one is due), counted in the execution's
 * data, so a retry after a platform error runs the same attempt again and cannot run the task twice.
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

    private StepFunctionsRetry() {}
}
