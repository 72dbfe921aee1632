package dev.tasksservice.aws;

import dev.tasksservice.domain.model.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A task's retry policy as one DynamoDB map: {@code {maxAttempts, initialBackoffMs, maxBackoffMs}}, all numbers. */
final class RetryAttribute {

    static final String MAX_ATTEMPTS = "maxAttempts";
    static final String INITIAL_BACKOFF_MS = "initialBackoffMs";
    static final String MAX_BACKOFF_MS = "maxBackoffMs";

    private RetryAttribute() {}

    static AttributeValue of(RetryPolicy retry) {
        return AttributeValue.fromM(Map.of(
                MAX_ATTEMPTS, TaskItem.n(retry.maxAttempts()),
                INITIAL_BACKOFF_MS, TaskItem.n(retry.initialBackoff().toMillis()),
                MAX_BACKOFF_MS, TaskItem.n(retry.maxBackoff().toMillis())));
    }

    static RetryPolicy from(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        return new RetryPolicy(
                Integer.parseInt(map.get(MAX_ATTEMPTS).n()),
                Duration.ofMillis(Long.parseLong(map.get(INITIAL_BACKOFF_MS).n())),
                Duration.ofMillis(Long.parseLong(map.get(MAX_BACKOFF_MS).n())));
    }
}
