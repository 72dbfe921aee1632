package dev.tasksservice.aws.spring;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Bounds on every call to DynamoDB, SQS and Step Functions. The SDK sets none by default, so a call to a store that
 * accepts the request and never answers would wait for each retry's socket timeout in turn, holding a task's attempt
 * (and the recovery sweep that skips tasks whose attempt runs) for minutes. With these, such a call fails within
 * {@link #CALL} and the task is taken over by the rules for failed calls.
 */
public final class AwsCallTimeouts {

    /** The longest one try of a call may take; well above the slowest call seen on a loaded machine. */
    public static final Duration ATTEMPT = Duration.ofSeconds(10);

    /** The longest a call may take, its retries included. */
    public static final Duration CALL = Duration.ofSeconds(30);

    private AwsCallTimeouts() {}

    /** {@code current} with both timeouts set, keeping everything else it configures. */
    public static ClientOverrideConfiguration applyTo(ClientOverrideConfiguration current) {
        return current.toBuilder()
                .apiCallAttemptTimeout(ATTEMPT)
                .apiCallTimeout(CALL)
                .build();
    }
}
