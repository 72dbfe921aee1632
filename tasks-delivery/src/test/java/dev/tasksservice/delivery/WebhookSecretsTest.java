package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretsTest {

    @Test
    void aGeneratedSecretParsesToItsThirtyTwoRandomBytes() {
        String secret = WebhookSecrets.generate();

        assertThat(secret).startsWith("whsec_");
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        assertThat(key).hasSize(32);
        assertThat(WebhookSecrets.parse(secret).keys()).singleElement().isEqualTo(key);
    }

    @Test
    void generatedSecretsDiffer() {
        assertThat(WebhookSecrets.generate()).isNotEqualTo(WebhookSecrets.generate());
    }

    @Test
    void aSecretMayBeBareBase64() {
        String secret = WebhookSecrets.generate();
        String bare = secret.substring("whsec_".length());

        assertThat(WebhookSecrets.parse(bare).keys())
                .singleElement()
                .isEqualTo(WebhookSecrets.parse(secret).keys().getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", ",", ", ", "  ,\t", "\n"})
    void twoSecretsAreSeparatedBySpacesOrCommas(String separator) {
        String first = WebhookSecrets.generate();
        String second = WebhookSecrets.generate();

        WebhookSecrets both = WebhookSecrets.parse("  " + first + separator + second + " ");

        assertThat(both.keys()).hasSize(2);
        assertThat(both.keys().get(0))
                .isEqualTo(WebhookSecrets.parse(first).keys().getFirst());
        assertThat(both.keys().get(1))
                .isEqualTo(WebhookSecrets.parse(second).keys().getFirst());
    }

    @Test
    void threeSecretsAreTooMany() {
        String three =
                String.join(" ", WebhookSecrets.generate(), WebhookSecrets.generate(), WebhookSecrets.generate());

        assertThatThrownBy(() -> WebhookSecrets.parse(three))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 secrets")
                .hasMessageContaining("at most two");
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> WebhookSecrets.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> WebhookSecrets.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_not*base64!secret-value", "s3cr3t-P@ssw0rd-value", "whsec_%%%%%%%%%%%%%%%%%%%%%%%%"})
    void aSecretThatIsNotBase64IsRefusedWithoutRepeatingIt(String secret) {
        assertThatThrownBy(() -> WebhookSecrets.parse(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not whsec_<base64> or base64")
                .hasNoCause()
                .satisfies(e ->
                        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.replace("whsec_", "")));
    }

    @Test
    void theSecondOfTwoSecretsIsNamedWhenItIsBad() {
        String good = WebhookSecrets.generate();

        assertThatThrownBy(() -> WebhookSecrets.parse(good + " whsec_!!bad!!"))
                .hasMessageStartingWith("Webhook secret 2 is not")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(good).doesNotContain("!!bad!!"));
    }

    @Test
    void aShortKeyIsRefusedWithoutRepeatingIt() {
        String shortKey = "whsec_" + Base64.getEncoder().encodeToString("tooshort".getBytes());

        assertThatThrownBy(() -> WebhookSecrets.parse(shortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("8 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey.substring(6)));
    }

    @Test
    void theKeysCannotBeChangedThroughTheList() {
        WebhookSecrets secrets = WebhookSecrets.parse(WebhookSecrets.generate());
        byte[] key = secrets.keys().getFirst();
        byte[] original = key.clone();

        key[0] ^= 1;

        assertThat(secrets.keys().getFirst()).isEqualTo(original);
    }

    @Test
    void theTextFormShowsNoSecret() {
        String secret = WebhookSecrets.generate();

        assertThat(WebhookSecrets.parse(secret)).hasToString("WebhookSecrets[1 key]");
    }
}
