package dev.tasksservice.infra.asdeployed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver checks, as the Standard Webhooks specification says, written here apart from the executor's signer:
 * the signature {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">} made with the secret's
 * bytes (its base64 text, without the {@code whsec_} prefix, decoded).
 */
final class StandardWebhooks {

    private StandardWebhooks() {}

    /** Whether one of the space-separated signatures in {@code signatureHeader} is that of {@code secret}. */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) {
        if (signatureHeader == null || id == null || timestamp == null) {
            return false;
        }
        byte[] expected = sign(secret, id + "." + timestamp + "." + body);
        return Arrays.stream(signatureHeader.split(" "))
                .filter(signature -> signature.startsWith("v1,"))
                .map(signature -> Base64.getDecoder().decode(signature.substring(3)))
                .anyMatch(given -> MessageDigest.isEqual(given, expected));
    }

    private static byte[] sign(String secret, String content) {
        String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
