package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.infra.ApiClients.Client;
import org.junit.jupiter.api.Test;

class ApiClientsTest {

    @Test
    void nothingSetIsOneDefaultClientWithTheDefaultLimits() {
        assertThat(ApiClients.parse(null).clients()).containsExactly(new Client("default", 10, 20, 10_000));
        assertThat(ApiClients.parse("  ")).isEqualTo(ApiClients.DEFAULT);
    }

    @Test
    void eachClientTakesTheLimitsItSetsAndTheDefaultsForTheOthers() {
        assertThat(ApiClients.parse("acme:rate=12.5:burst=30:quota=100000, beta ,gamma:quota=5")
                        .clients())
                .containsExactly(
                        new Client("acme", 12.5, 30, 100_000),
                        new Client("beta", 10, 20, 10_000),
                        new Client("gamma", 10, 20, 5));
    }

    @Test
    void outputNamesAreTheClientNameInPascalCase() {
        assertThat(ApiClients.parse("acme-eu-2").clients().getFirst().outputSuffix())
                .isEqualTo("AcmeEu2");
    }

    @Test
    void badSettingsAreRefusedNamingTheClientAndThePart() {
        assertRefused("Acme", "client name 'Acme'");
        assertRefused("acme,,beta", "client name ''");
        assertRefused("acme_eu", "client name 'acme_eu'");
        assertRefused("acme:rate=0", "client 'acme': rate must be a positive number, got '0.0'");
        assertRefused("acme:rate=fast", "client 'acme': rate must be a positive number, got 'fast'");
        assertRefused("acme:burst=1.5", "client 'acme': burst must be a positive whole number, got '1.5'");
        assertRefused("acme:quota=-1", "client 'acme': quota must be a positive whole number");
        assertRefused("acme:limit=5", "client 'acme': 'limit=5' is not rate=");
        assertRefused("acme:rate=1:rate=2", "client 'acme' sets rate twice");
        assertRefused("acme,acme:rate=3", "client acme is named twice");
    }

    @Test
    void clientsWhoseOutputNamesWouldClashAreRefused() {
        assertRefused("a1-2,a12", "client a12 and client a1-2 would have the same output names");
    }

    private static void assertRefused(String setting, String message) {
        assertThatThrownBy(() -> ApiClients.parse(setting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stack setting apiClients")
                .hasMessageContaining(message);
    }
}
