package dev.tasksservice.delivery;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads the webhook secrets from AWS Secrets Manager: a secret whose text holds one or two webhook secrets. */
public final class SecretsManagerWebhookSecrets {

    private SecretsManagerWebhookSecrets() {}

    /**
     * The current value of {@code secretId} (its name or ARN), parsed by {@link WebhookSecrets#parse}.
     *
     * @throws IllegalArgumentException naming the secret when it holds no text or no valid webhook secret
     */
    public static WebhookSecrets load(SecretsManagerClient client, String secretId) {
        String text =
                client.getSecretValue(request -> request.secretId(secretId)).secretString();
        if (text == null) {
            throw new IllegalArgumentException(
                    "Secret " + secretId + " holds no text (SecretString); store the webhook secret as text");
        }
        try {
            return WebhookSecrets.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret " + secretId + ": " + e.getMessage(), e);
        }
    }
}
