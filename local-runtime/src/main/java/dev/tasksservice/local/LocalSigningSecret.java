package dev.tasksservice.local;

import dev.tasksservice.delivery.LocalWebhookSecret;
import dev.tasksservice.delivery.WebhookSecrets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret the local runtime signs webhooks with: {@code TASKS_WEBHOOK_SECRET} when it is set, else a dev secret made
 * on the first run and kept in the data folder, so that receivers can keep verifying across restarts. The dev secret
 * is printed at startup, with how to verify a delivery; a secret given in the environment never is.
 */
final class LocalSigningSecret {

    static final String FILE_NAME = "webhook-secret";

    private static final Logger log = LoggerFactory.getLogger(LocalSigningSecret.class);

    private LocalSigningSecret() {}

    /**
     * @param configured the value of {@code TASKS_WEBHOOK_SECRET}; blank when unset
     * @param dataDir the data folder, where the dev secret is kept
     * @throws IllegalArgumentException when a secret is malformed, saying why without repeating it
     */
    static WebhookSecrets load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            WebhookSecrets secrets = WebhookSecrets.parse(configured);
            log.info("Webhooks are signed with the secret in TASKS_WEBHOOK_SECRET ({})", secrets);
            return secrets;
        }
        Path file = dataDir.resolve(FILE_NAME);
        String secret = LocalWebhookSecret.loadOrCreate(file);
        log.info(
                "Webhooks are signed with the dev secret {} (kept in {}; set TASKS_WEBHOOK_SECRET to use another)."
                        + " To verify a delivery: base64(HMAC-SHA256(key, webhook-id + \".\" + webhook-timestamp + \".\""
                        + " + body)) must equal the part after \"v1,\" of webhook-signature, the key being the"
                        + " base64-decoded secret after \"whsec_\" (Standard Webhooks; its libraries take the secret"
                        + " as it is)",
                secret,
                file);
        return WebhookSecrets.parse(secret);
    }
}
