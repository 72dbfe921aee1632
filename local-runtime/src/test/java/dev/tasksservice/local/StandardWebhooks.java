package dev.tasksservice.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A receiver's check of a delivery's signature, written from the Standard Webhooks specification. */
final class StandardWebhooks {

    private StandardWebhooks() {}

    /** Whether one of the {@code webhook-signature}'s entries is {@code v1,} and the HMAC under {@code secret}. */
    static boolean verifies(String secret, TargetReceiver.Received delivery) {
        String expected = "v1," + sign(secret, delivery);
        for (String entry : delivery.header("webhook-signature").split(" ")) {
            if (entry.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    private static String sign(String secret, TargetReceiver.Received delivery) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String content =
                delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "." + delivery.body();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
