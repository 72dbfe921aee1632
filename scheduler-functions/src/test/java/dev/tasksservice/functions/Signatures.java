package dev.tasksservice.functions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written apart from the signer: {@code v1,<base64 HMAC-SHA256
 * of "<webhook-id>.<webhook-timestamp>.<body>">} with the secret's base64 ({@code whsec_} prefix dropped) decoded.
 */
final class Signatures {

    private Signatures() {}

    /** A new secret as receivers are given it. */
    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Whether one of the space-separated signatures of {@code request} is {@code secret}'s. */
    static boolean signedWith(String secret, Receiver.Request request) {
        String header = request.header("webhook-signature");
        if (header == null) {
            return false;
        }
        String content =
                request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        byte[] expected = hmac(secret, content);
        return Arrays.stream(header.split(" "))
                .filter(signature -> signature.startsWith("v1,"))
                .anyMatch(signature ->
                        MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(3)), expected));
    }

    private static byte[] hmac(String secret, String content) {
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
