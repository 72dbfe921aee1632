package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Checks the rendered definition with asl-validator (npm), the same kind of check Step Functions makes when the stack is
 * deployed, so a broken definition fails the build rather than the deployment. The definitions are left in
 * {@code infra/target/state-machine.asl.json} and {@code express-state-machine.asl.json} for anyone who wants to look
 * at them.
 */
class StateMachineAslValidationTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("repo.root", ".."));
    private static final Path VALIDATOR = REPOSITORY.resolve("node_modules/asl-validator/dist/bin/asl-validator.js");

    @Test
    void bothRenderedDefinitionsAreValidAmazonStatesLanguage() throws Exception {
        Template template = SynthesizedStack.template();
        Path standard = SynthesizedStack.buildDirectory().resolve("state-machine.asl.json");
        Path express = SynthesizedStack.buildDirectory().resolve("express-state-machine.asl.json");
        Files.createDirectories(standard.getParent());
        Files.writeString(standard, StateMachineDefinition.render(template));
        Files.writeString(
                express, StateMachineDefinition.render(template, SynthesizedStack.expressStateMachine(template)));

        Validation validation = validate(standard, express);

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).contains("\"" + standard + "\" is valid", "\"" + express + "\" is valid");
    }

    @Test
    void validatorRefusesADefinitionWhoseCatchLeadsNowhere() throws Exception {
        Path broken = SynthesizedStack.buildDirectory().resolve("state-machine-broken.asl.json");
        Files.writeString(
                broken,
                StateMachineDefinition.render(SynthesizedStack.template())
                        .replace("\"Next\":\"ExecutorFailed\"", "\"Next\":\"NoSuchState\""));

        Validation validation = validate(broken);

        assertThat(validation.exitCode()).as(validation.output()).isEqualTo(1);
        assertThat(validation.output()).contains("NoSuchState");
    }

    private static Validation validate(Path... definitions) throws IOException, InterruptedException {
        assertThat(VALIDATOR)
                .as(
                        "asl-validator is not installed at %s: run `npm ci` in the project root (make test does it)",
                        VALIDATOR.toAbsolutePath().normalize())
                .isRegularFile();
        List<String> command = new ArrayList<>(List.of("node", VALIDATOR.toString()));
        for (Path definition : definitions) {
            command.add("--json-path");
            command.add(definition.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var stream = process.getInputStream()) {
            output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("asl-validator finished")
                .isTrue();
        return new Validation(process.exitValue(), output);
    }

    private record Validation(int exitCode, String output) {}
}
