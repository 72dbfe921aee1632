package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarsTest {

    @TempDir
    Path repository;

    @Test
    void withoutContextTheModulesBuildOutputIsUsed() throws IOException {
        Path infra = Files.createDirectories(repository.resolve("infra"));
        Path functions = jar("scheduler-functions/target/scheduler-functions-0.1.0-SNAPSHOT-aws.jar");
        Path api = jar("api-service/target/api-service-lambda.jar");

        LambdaJars jars = LambdaJars.existing(infra, null, null);

        assertThat(jars.functions()).isEqualTo(infra.resolve("..").resolve(repository.relativize(functions)));
        assertThat(jars.functions()).hasSameBinaryContentAs(functions);
        assertThat(jars.api()).hasSameBinaryContentAs(api);
    }

    @Test
    void jarsGivenInTheContextAreUsed() throws IOException {
        Path functions = jar("elsewhere/functions.jar");
        Path api = jar("elsewhere/api.jar");

        LambdaJars jars = LambdaJars.existing(repository, functions.toString(), "elsewhere/api.jar");

        assertThat(jars.functions()).isEqualTo(functions);
        assertThat(jars.api()).isEqualTo(api);
    }

    @Test
    void missingJarStopsSynthesisAndSaysHowToBuildIt() throws IOException {
        jar("api-service/target/api-service-lambda.jar");
        Path infra = Files.createDirectories(repository.resolve("infra"));

        assertThatIllegalStateException()
                .isThrownBy(() -> LambdaJars.existing(infra, null, null))
                .withMessageStartingWith("Lambda jar not found: "
                        + repository.resolve("scheduler-functions/target/scheduler-functions-0.1.0-SNAPSHOT-aws.jar"))
                .withMessageContaining("Run `make build` in the project root first")
                .withMessageContaining("--context functionsJar=<path>");
    }

    private Path jar(String path) throws IOException {
        Path jar = repository.resolve(path);
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, path);
    }
}
