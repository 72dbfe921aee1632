package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local rate limit of each tenant: a token bucket (Bucket4j) of {@code burst} requests, refilled at {@code rate}
 * requests a second. On AWS the usage plans of API Gateway do this instead.
 */
final class TenantRateLimits {

    private final Bandwidth limit;
    private final Map<TenantId, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param rate requests a second, at least 1
     * @param burst requests at once, at least 1
     */
    TenantRateLimits(int rate, int burst) {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "TASKS_RATE_LIMIT and TASKS_RATE_BURST must be at least 1, got " + rate + " and " + burst);
        }
        this.limit = Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(rate, Duration.ofSeconds(1))
                .build();
    }

    /** Takes one request from the tenant's bucket: 0 when it may go on, else the whole seconds until it may retry. */
    long secondsToWait(TenantId tenant) {
        Bucket bucket = buckets.computeIfAbsent(
                tenant, ignored -> Bucket.builder().addLimit(limit).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
