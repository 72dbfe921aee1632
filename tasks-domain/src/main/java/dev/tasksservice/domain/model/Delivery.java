package dev.tasksservice.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a target answered to one delivery.
 *
 * @param outcome SUCCEEDED, FAILED (worth retrying) or REFUSED (not worth retrying)
 * @param httpStatus the HTTP status, or null when there was none
 * @param error why it failed; null when it succeeded
 * @param retryAfter how long the target asked to wait before the next try ({@code Retry-After}), or null
 */
public record Delivery(AttemptOutcome outcome, Integer httpStatus, String error, Duration retryAfter) {

    public Delivery {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static Delivery succeeded(Integer httpStatus) {
        return new Delivery(AttemptOutcome.SUCCEEDED, httpStatus, null, null);
    }

    public static Delivery failed(Integer httpStatus, String error, Duration retryAfter) {
        return new Delivery(AttemptOutcome.FAILED, httpStatus, error, retryAfter);
    }

    public static Delivery failed(String error) {
        return failed(null, error, null);
    }

    public static Delivery refused(Integer httpStatus, String error) {
        return new Delivery(AttemptOutcome.REFUSED, httpStatus, error, null);
    }

    /**
     * The outcome of an HTTP answer with {@code status}: 2xx succeeded; 408, 425, 429 and 5xx failed, worth retrying;
     * anything else (other 4xx, 1xx, 3xx as redirects are not followed) refused.
     */
    public static AttemptOutcome outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return AttemptOutcome.SUCCEEDED;
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return AttemptOutcome.FAILED;
        }
        return AttemptOutcome.REFUSED;
    }
}
