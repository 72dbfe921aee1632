package dev.tasksservice.infra.asdeployed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template's Node.js authorizer, run as Lambda runs it: its inline code written to {@code index.js} and its
 * {@code handler} called with each event, in one Node.js process for the test JVM (one event at a time, as a line of
 * JSON in and a line out).
 */
final class NodeAuthorizer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String RUNNER = "const { handler } = require(process.argv[1] + '/index.js');"
            + "const out = answer => process.stdout.write(JSON.stringify(answer) + '\\n');"
            + "require('readline').createInterface({ input: process.stdin }).on('line', line =>"
            + "  Promise.resolve().then(() => handler(JSON.parse(line), {}))"
            + "    .then(result => out({ result }), error => out({ error: String(error && error.message) })));";

    private final Process process;
    private final Writer events;
    private final BufferedReader answers;

    private NodeAuthorizer(Process process) {
        this.process = process;
        this.events = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code code} (a Node.js module exporting {@code handler}) from {@code directory}. */
    static NodeAuthorizer start(String code, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("index.js"), code);
            Process process = new ProcessBuilder(
                            "node", "-e", RUNNER, directory.toAbsolutePath().toString())
                    .redirectError(directory.resolve("stderr.log").toFile())
                    .start();
            return new NodeAuthorizer(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node for the authorizer", e);
        }
    }

    /** What the handler answers for {@code event}: {@code {"result": ...}} or {@code {"error": message}}. */
    synchronized JsonNode invoke(JsonNode event) {
        try {
            events.write(JSON.writeValueAsString(event) + "\n");
            events.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the authorizer's node process ended");
            }
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            events.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
