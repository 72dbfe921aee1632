package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.delivery.WebhookSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningSecretTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecretFromTheEnvironmentIsUsedAndNothingIsWritten() {
        WebhookSecrets secrets = LocalSigningSecret.load(LocalRuntimeTest.SECRET, dataDir);

        assertThat(secrets.keys())
                .singleElement()
                .satisfies(key -> assertThat(key).containsOnly((byte) 0x2a).hasSize(32));
        assertThat(dataDir.resolve(LocalSigningSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void withoutOneADevSecretIsMadeInTheDataFolderAndKeptForTheNextStart() throws Exception {
        WebhookSecrets first = LocalSigningSecret.load("", dataDir);

        Path file = dataDir.resolve(LocalSigningSecret.FILE_NAME);
        assertThat(file).exists();
        assertThat(Files.readString(file).strip()).startsWith("whsec_");
        WebhookSecrets second = LocalSigningSecret.load(null, dataDir);
        assertThat(second.keys().getFirst()).isEqualTo(first.keys().getFirst());
    }

    @Test
    void aMalformedSecretStopsTheStartWithoutBeingRepeated() {
        assertThatThrownBy(() -> LocalSigningSecret.load("whsec_tooShort", dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("tooShort");
    }
}
