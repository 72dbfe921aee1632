package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The webhook secrets read with a real Secrets Manager client from the stand-in server on 127.0.0.1. */
@Timeout(60)
class SecretsManagerWebhookSecretsIT {

    private static final SecretsManagerServer SERVER = SecretsManagerServer.start();
    private static final SecretsManagerClient CLIENT = SERVER.client();

    @AfterAll
    static void stop() {
        CLIENT.close();
        SERVER.close();
    }

    @Test
    void readsTheSecretByName() {
        String secret = WebhookSecrets.generate();
        SERVER.putSecret("tasks/webhook-secret", secret);

        WebhookSecrets loaded = SecretsManagerWebhookSecrets.load(CLIENT, "tasks/webhook-secret");

        assertThat(loaded.keys())
                .singleElement()
                .isEqualTo(WebhookSecrets.parse(secret).keys().getFirst());
        assertThat(SERVER.operations()).contains("GetSecretValue");
    }

    @Test
    void readsTheSecretByArnAndBothSecretsOfARotation() {
        String old = WebhookSecrets.generate();
        String next = WebhookSecrets.generate();
        String arn = SERVER.putSecret("tasks/rotating", old + " " + next);

        WebhookSecrets loaded = SecretsManagerWebhookSecrets.load(CLIENT, arn);

        assertThat(loaded.keys()).hasSize(2);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2030-01-01T10:00:00Z");
        String both = new WebhookSigner(loaded).headers("id", at, body).get("webhook-signature");
        assertThat(both)
                .isEqualTo(new WebhookSigner(WebhookSecrets.parse(old))
                                .headers("id", at, body)
                                .get("webhook-signature")
                        + " "
                        + new WebhookSigner(WebhookSecrets.parse(next))
                                .headers("id", at, body)
                                .get("webhook-signature"));
    }

    @Test
    void aSecretWithoutTextIsRefusedNamingIt() {
        SERVER.putBinarySecret("tasks/binary", new byte[32]);

        assertThatThrownBy(() -> SecretsManagerWebhookSecrets.load(CLIENT, "tasks/binary"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tasks/binary")
                .hasMessageContaining("SecretString");
    }

    @Test
    void aSecretThatIsNoWebhookSecretIsRefusedNamingItButNotItsValue() {
        SERVER.putSecret("tasks/wrong", "{\"password\":\"hunter2-hunter2\"}");

        assertThatThrownBy(() -> SecretsManagerWebhookSecrets.load(CLIENT, "tasks/wrong"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Secret tasks/wrong: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aMissingSecretIsTheServicesError() {
        assertThatThrownBy(() -> SecretsManagerWebhookSecrets.load(CLIENT, "tasks/missing"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSecretStoredByAClientIsReadBack() {
        String secret = WebhookSecrets.generate();
        CLIENT.createSecret(request -> request.name("tasks/created").secretString(secret));
        String rotated = WebhookSecrets.generate();
        CLIENT.putSecretValue(request -> request.secretId("tasks/created").secretString(secret + "," + rotated));

        assertThat(SERVER.secretString("tasks/created")).contains(secret + "," + rotated);
        assertThat(SecretsManagerWebhookSecrets.load(CLIENT, "tasks/created").keys())
                .hasSize(2);
    }
}
