package dev.tasksservice.domain.model;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A client's key that makes retrying a create safe.
 *
 * @param key the client's key
 * @param requestFingerprint identifies the request sent with it, so a different request under the same key is caught
 */
public record IdempotencyKey(String key, String requestFingerprint) {

    public static final String FIELD = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        if (key == null || key.isBlank()) {
            throw new InvalidTaskException(FIELD, "must not be blank");
        }
        if (key.length() > MAX_LENGTH) {
            throw new InvalidTaskException(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /**
     * The id of the task this key creates for {@code tenant}. Deriving it from the key lets the store's
     * create-if-absent guard retries, with no second table or transaction; deriving it from the tenant too keeps each
     * tenant's keys its own, so one tenant's key never reaches another's task. A tenant holds no ':', so no pair of
     * tenant and key reads as another.
     */
    public UUID taskId(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return UUID.nameUUIDFromBytes(
                ("idempotency-key:" + tenant.value() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
