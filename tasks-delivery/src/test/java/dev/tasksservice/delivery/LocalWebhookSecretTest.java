package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWebhookSecretTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsMadeWithANewSecretWhichLaterCallsRead() throws IOException {
        Path file = dir.resolve("state/secrets/webhook-secret");

        String made = LocalWebhookSecret.loadOrCreate(file);
        String readAgain = LocalWebhookSecret.loadOrCreate(file);

        assertThat(made).startsWith("whsec_");
        assertThat(WebhookSecrets.parse(made).keys())
                .singleElement()
                .satisfies(key -> assertThat(key).hasSize(32));
        assertThat(readAgain).isEqualTo(made);
        assertThat(Files.readString(file).strip()).isEqualTo(made);
    }

    @Test
    void theFileAndTheDirectoriesMadeForItAreTheOwnersOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("made/webhook-secret");

        LocalWebhookSecret.loadOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aSecretWrittenByHandIsReadAsItIs() throws IOException {
        String mine = WebhookSecrets.generate() + " " + WebhookSecrets.generate();
        Path file = dir.resolve("webhook-secret");
        Files.writeString(file, "  " + mine + "\n");

        assertThat(LocalWebhookSecret.loadOrCreate(file)).isEqualTo(mine);
    }

    @Test
    void aFileWithoutAValidSecretIsRefusedNamingTheFileButNotItsText() throws IOException {
        Path file = dir.resolve("webhook-secret");
        Files.writeString(file, "not-a-secret-at-all!");

        assertThatThrownBy(() -> LocalWebhookSecret.loadOrCreate(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-secret-at-all"));
    }
}
