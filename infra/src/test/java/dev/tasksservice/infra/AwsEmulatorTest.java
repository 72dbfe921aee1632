package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AwsEmulatorTest {

    private static final Path COMPOSE_FILE =
            Path.of(System.getProperty("repo.root", "..")).resolve("docker-compose.yml");
    private static final Pattern IMAGE = Pattern.compile("^\\s*image:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void suiteTestsTheImagesThatDockerComposeStarts() throws IOException {
        // GIVEN the compose file developers start an emulator with
        String compose = Files.readString(COMPOSE_FILE);

        // WHEN its images are read
        List<String> composeImages =
                IMAGE.matcher(compose).results().map(match -> match.group(1)).toList();

        // THEN they are the suite's, tag for tag
        assertThat(composeImages)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AwsEmulator.values())
                        .map(AwsEmulator::image)
                        .toList());
    }

    @Test
    void emulatorIsPickedByNameInAnyCase() {
        // GIVEN names as typed on a command line WHEN they are looked up THEN case does not matter
        assertThat(AwsEmulator.named("floci")).isEqualTo(AwsEmulator.FLOCI);
        assertThat(AwsEmulator.named("LocalStack")).isEqualTo(AwsEmulator.LOCALSTACK);
    }

    @Test
    void unknownEmulatorIsRefusedWithTheChoices() {
        // GIVEN a name of no emulator WHEN it is looked up THEN the refusal lists the choices
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AwsEmulator.named("moto"))
                .withMessage("e2e.emulator must be one of floci, localstack, not moto");
    }
}
