package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The example of the Standard Webhooks specification's reference libraries. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant SPEC_TIMESTAMP = Instant.ofEpochSecond(1614265330);
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsAsTheSpecificationsExampleDoes() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET));

        Map<String, String> headers = signer.headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "webhook-id", SPEC_ID,
                        "webhook-timestamp", "1614265330",
                        "webhook-signature", SPEC_SIGNATURE));
    }

    @Test
    void theTimestampIsInWholeSeconds() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET));

        Map<String, String> headers = signer.headers(SPEC_ID, SPEC_TIMESTAMP.plusMillis(999), SPEC_BODY);

        assertThat(headers)
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", SPEC_SIGNATURE);
    }

    @Test
    void duringARotationEachSecretSignsInTheOrderGiven() {
        String newer = WebhookSecrets.generate();
        WebhookSigner both = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET + " " + newer));
        WebhookSigner newerOnly = new WebhookSigner(WebhookSecrets.parse(newer));

        String signature = both.headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY).get("webhook-signature");

        assertThat(signature.split(" "))
                .containsExactly(
                        SPEC_SIGNATURE,
                        newerOnly.headers(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY).get("webhook-signature"));
    }

    @Test
    void anotherBodyIdOrTimestampSignsDifferently() {
        WebhookSigner signer = new WebhookSigner(WebhookSecrets.parse(SPEC_SECRET));

        assertThat(signer.headers(SPEC_ID, SPEC_TIMESTAMP, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
                .doesNotContainEntry("webhook-signature", SPEC_SIGNATURE);
        assertThat(signer.headers("msg_other", SPEC_TIMESTAMP, SPEC_BODY))
                .doesNotContainEntry("webhook-signature", SPEC_SIGNATURE);
        assertThat(signer.headers(SPEC_ID, SPEC_TIMESTAMP.plusSeconds(1), SPEC_BODY))
                .doesNotContainEntry("webhook-signature", SPEC_SIGNATURE);
    }
}
