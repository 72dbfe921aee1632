package dev.tasksservice.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    private static final String ALPHA_HASH = ApiKeyHash.of("tsk_alpha").hex();

    @TempDir
    Path dir;

    @Test
    void theHashIsTheSha256OfTheKeyInHex() {
        // printf %s abc | sha256sum
        assertThat(ApiKeyHash.of("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aKeyFromTheListIsItsTenantAndAnyOtherKeyIsNone() {
        ApiKeys keys = ApiKeys.parseList(
                " acme:" + ALPHA_HASH + " , beta:" + ApiKeyHash.of("tsk_beta").hex());

        assertThat(keys.tenantOf("tsk_alpha")).contains(new TenantId("acme"));
        assertThat(keys.tenantOf("tsk_beta")).contains(new TenantId("beta"));
        assertThat(keys.tenantOf("tsk_alph")).isEmpty();
        assertThat(keys.tenantOf(ALPHA_HASH)).as("the hash is not the key").isEmpty();
        assertThat(keys.tenants()).containsExactly(new TenantId("acme"), new TenantId("beta"));
    }

    @Test
    void upperCaseHexIsTheSameHash() {
        assertThat(ApiKeys.parseList("acme:" + ALPHA_HASH.toUpperCase()).tenantOf("tsk_alpha"))
                .contains(new TenantId("acme"));
    }

    @Test
    void aBlankListHasNoKeys() {
        assertThat(ApiKeys.parseList("").isEmpty()).isTrue();
        assertThat(ApiKeys.parseList(null).isEmpty()).isTrue();
        assertThat(ApiKeys.parseList(" , ").isEmpty()).isTrue();
    }

    @Test
    void aMalformedListEntryIsNamedByItsPositionWithoutRepeatingIt() {
        assertThatThrownBy(() -> ApiKeys.parseList("acme:" + ALPHA_HASH + ",beta-" + ALPHA_HASH))
                .hasMessageContaining("TASKS_API_KEYS entry 2")
                .hasMessageNotContaining(ALPHA_HASH);
        assertThatThrownBy(() -> ApiKeys.parseList("acme:tsk_alpha"))
                .hasMessageContaining("TASKS_API_KEYS entry 1")
                .hasMessageContaining("SHA-256")
                .hasMessageNotContaining("tsk_alpha");
        assertThatThrownBy(() -> ApiKeys.parseList("ac me:" + ALPHA_HASH))
                .hasMessageContaining("TASKS_API_KEYS entry 1")
                .hasMessageContaining("tenant");
    }

    @Test
    void theKeyFileHasCommentsBlankLinesAndOneKeyALine() {
        ApiKeys keys = ApiKeys.parseFile(
                List.of(
                        "# keys",
                        "",
                        "acme " + ALPHA_HASH,
                        "  beta\t" + ApiKeyHash.of("tsk_beta").hex() + "  "),
                "api-keys");

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.tenantOf("tsk_beta")).contains(new TenantId("beta"));
        assertThatThrownBy(() -> ApiKeys.parseFile(List.of("# keys", "acme " + ALPHA_HASH + " extra"), "api-keys"))
                .hasMessageContaining("api-keys line 2");
    }

    @Test
    void aMadeKeyHasThePrefixAndEnoughRandomnessAndOnlyItsHashIsKept() throws IOException {
        Path file = dir.resolve("data/api-keys");

        String first = NewApiKey.create("acme", file);
        String second = NewApiKey.create("acme", file);

        assertThat(first).startsWith("tsk_").matches("tsk_[A-Za-z0-9_-]{43}").isNotEqualTo(second);
        String content = Files.readString(file);
        assertThat(content)
                .doesNotContain(first)
                .doesNotContain(first.substring(4))
                .contains("acme ");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        LocalKeyStore store = new LocalKeyStore("", file);
        assertThat(store.tenantOf(first)).contains(new TenantId("acme"));
        assertThat(store.tenantOf(second)).contains(new TenantId("acme"));
    }

    @Test
    void aKeyAddedToTheFileWhileRunningIsAcceptedWithoutARestart() throws IOException {
        Path file = dir.resolve("api-keys");
        LocalKeyStore store = new LocalKeyStore("acme:" + ALPHA_HASH, file);
        assertThat(store.keys().size()).isEqualTo(1);

        String key = NewApiKey.create("late", file);

        assertThat(store.tenantOf(key)).contains(new TenantId("late"));
        assertThat(store.tenantOf("tsk_alpha")).contains(new TenantId("acme"));
    }

    @Test
    void aFileBrokenWhileRunningKeepsTheKeysItHadAndABrokenFileAtStartStopsTheStart() throws IOException {
        Path file = dir.resolve("api-keys");
        Files.writeString(file, "acme " + ALPHA_HASH + "\n");
        LocalKeyStore store = new LocalKeyStore("", file);

        Files.writeString(file, "acme " + ALPHA_HASH + "\nnot a key line\n");

        assertThat(store.tenantOf("tsk_alpha")).contains(new TenantId("acme"));
        assertThatThrownBy(() -> new LocalKeyStore("", file)).hasMessageContaining(file + " line 2");
    }

    @Test
    void noKeyFileIsNoKeys() {
        assertThat(new LocalKeyStore("", dir.resolve("missing")).keys().isEmpty())
                .isTrue();
    }

    @Test
    void theRateLimitLetsTheBurstThroughThenSaysHowManyWholeSecondsToWait() {
        TenantRateLimits limits = new TenantRateLimits(1, 3);
        TenantId acme = new TenantId("acme");

        assertThat(List.of(limits.secondsToWait(acme), limits.secondsToWait(acme), limits.secondsToWait(acme)))
                .containsOnly(0L);
        assertThat(limits.secondsToWait(acme)).isEqualTo(1);
        assertThat(limits.secondsToWait(new TenantId("other")))
                .as("each tenant its own")
                .isZero();
    }

    @Test
    void loopbackAddressesAreRecognized() {
        assertThat(AuthConfig.isLoopback("127.0.0.1")).isTrue();
        assertThat(AuthConfig.isLoopback("localhost")).isTrue();
        assertThat(AuthConfig.isLoopback("::1")).isTrue();
        assertThat(AuthConfig.isLoopback("0.0.0.0")).isFalse();
        assertThat(AuthConfig.isLoopback("")).isFalse();
        assertThat(AuthConfig.isLoopback("192.0.2.10")).isFalse();
    }
}
