package dev.tasksservice.delivery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keys webhooks are signed with: one, or two while a secret is being rotated (each delivery then carries a
 * signature by each). A secret is written {@code whsec_<base64>}, as the Standard Webhooks specification does, or as
 * bare base64. Neither the secrets nor their keys ever appear in a message or in {@link #toString()}.
 */
public final class WebhookSecrets {

    /** The prefix the Standard Webhooks specification gives secrets. */
    public static final String PREFIX = "whsec_";

    /** The shortest key accepted, in bytes; {@link #generate()} makes keys of {@value #GENERATED_BYTES}. */
    public static final int MIN_KEY_BYTES = 16;

    static final int GENERATED_BYTES = 32;
    private static final int MAX_SECRETS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> keys;

    private WebhookSecrets(List<byte[]> keys) {
        this.keys = keys;
    }

    /**
     * Parses one or two secrets separated by spaces or commas.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the secret
     */
    public static WebhookSecrets parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The webhook secret is empty: expected one or two secrets, each "
                    + PREFIX + "<base64> or base64, separated by a space or a comma");
        }
        String[] secrets = text.trim().split("[\\s,]+");
        if (secrets.length > MAX_SECRETS) {
            throw new IllegalArgumentException("The webhook secret holds " + secrets.length
                    + " secrets; at most two may be active at once (the old and the new one during a rotation)");
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < secrets.length; i++) {
            keys.add(key(secrets[i], secrets.length == 1 ? "The webhook secret" : "Webhook secret " + (i + 1)));
        }
        return new WebhookSecrets(List.copyOf(keys));
    }

    /** A new secret: {@code whsec_} and the base64 of {@value #GENERATED_BYTES} random bytes. */
    public static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The keys, in the order the secrets were given; copies, so a caller cannot change them. */
    public List<byte[]> keys() {
        return keys.stream().map(byte[]::clone).toList();
    }

    @Override
    public String toString() {
        return "WebhookSecrets[" + keys.size() + (keys.size() == 1 ? " key]" : " keys]");
    }

    private static byte[] key(String secret, String which) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: not repeated, and not chained.
            throw new IllegalArgumentException(which + " is not " + PREFIX + "<base64> or base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(which + " is too short: its key has " + key.length + " bytes, at least "
                    + MIN_KEY_BYTES + " are needed (" + GENERATED_BYTES + " recommended)");
        }
        return key;
    }
}
