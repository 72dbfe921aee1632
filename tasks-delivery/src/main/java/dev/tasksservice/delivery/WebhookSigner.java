package dev.tasksservice.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks as the Standard Webhooks specification says: the signature is the HMAC-SHA256 of {@code
 * <id>.<timestamp>.<body>}, sent as {@code v1,<base64>}, one space-separated entry per active secret.
 */
public final class WebhookSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public WebhookSigner(WebhookSecrets secrets) {
        this.keys = secrets.keys().stream()
                .map(key -> new SecretKeySpec(key, ALGORITHM))
                .toList();
    }

    /**
     * The three headers of a message.
     *
     * @param messageId the same for every attempt of one message, so that its receiver can drop repeats
     * @param timestamp when the attempt is made; sent in epoch seconds
     * @param body the exact bytes sent as the body
     */
    public Map<String, String> headers(String messageId, Instant timestamp, byte[] body) {
        String seconds = Long.toString(timestamp.getEpochSecond());
        byte[] prefix = (messageId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>(keys.size());
        for (SecretKeySpec key : keys) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(key, prefix, body)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, messageId);
        headers.put(TIMESTAMP_HEADER, seconds);
        headers.put(SIGNATURE_HEADER, String.join(" ", signatures));
        return Collections.unmodifiableMap(headers);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            // A Mac is not thread-safe and cheap to make; deliveries run on many threads at once.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
