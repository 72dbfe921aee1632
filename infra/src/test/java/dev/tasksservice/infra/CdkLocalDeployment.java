package dev.tasksservice.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deploys the stack to an emulator the way {@code make deploy-local} does: {@code cdklocal bootstrap}, then
 * {@code cdklocal deploy} from infra/, so cdk.json runs the real app. Builds nothing: the Lambda jars must be there.
 */
final class CdkLocalDeployment {

    static final String STAGE = "local";

    /** No apiClients are given: the stage has the one default client. */
    static final String DEFAULT_KEY_ID_OUTPUT = TasksServiceStack.API_KEY_ID_OUTPUT + "Default";

    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(10);
    // Synthesis through Maven, uploading two Java jars and creating four Java Lambdas in containers.
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(20);
    private static final int LOG_LINES_IN_FAILURE = 60;

    private final Path infra;
    private final Path workDirectory;

    /**
     * @param infra the infra module (where cdk.json is)
     * @param workDirectory where the cloud assembly, the outputs and the CLI's logs go
     */
    CdkLocalDeployment(Path infra, Path workDirectory) {
        this.infra = infra.toAbsolutePath().normalize();
        this.workDirectory = workDirectory.toAbsolutePath().normalize();
    }

    /**
     * What a deployment's outputs say.
     *
     * @param apiUrl {@code ApiUrl}
     * @param apiKeyId the id of the default client's API key ({@code ApiKeyIdDefault}), not its value
     */
    record Deployed(URI apiUrl, String apiKeyId) {}

    /**
     * Bootstraps the emulator at {@code endpoint}, deploys stage {@value #STAGE} and answers its {@code ApiUrl} and
     * the id of its default client's API key.
     */
    Deployed deploy(URI endpoint) throws IOException, InterruptedException {
        Path cdkLocal = cdkLocal();
        requireLambdaJars();
        Files.createDirectories(workDirectory);
        ResourceNames names = new ResourceNames(STAGE);
        // Its own assembly directory, so a `make synth` or `make deploy-local` running meanwhile is not disturbed.
        String assembly = workDirectory.resolve("cdk.out").toString();
        Path outputs = workDirectory.resolve("outputs-" + STAGE + ".json");

        run(
                List.of(cdkLocal.toString(), "bootstrap", "--context", "stage=" + STAGE, "--output", assembly),
                endpoint,
                "cdklocal-bootstrap.log",
                BOOTSTRAP_TIMEOUT);
        run(
                List.of(
                        cdkLocal.toString(),
                        "deploy",
                        names.stack(),
                        "--context",
                        "stage=" + STAGE,
                        "--require-approval",
                        "never",
                        "--output",
                        assembly,
                        "--outputs-file",
                        outputs.toString()),
                endpoint,
                "cdklocal-deploy.log",
                DEPLOY_TIMEOUT);
        return new Deployed(
                URI.create(output(outputs, names.stack(), TasksServiceStack.API_URL_OUTPUT)),
                output(outputs, names.stack(), DEFAULT_KEY_ID_OUTPUT));
    }

    private Path cdkLocal() {
        if (!Files.isRegularFile(infra.resolve("cdk.json"))) {
            throw new AssertionError(
                    "no cdk.json in " + infra + ": run the suite from the infra module (mvn -pl infra)");
        }
        Path cdkLocal = infra.resolveSibling("node_modules").resolve(".bin").resolve("cdklocal");
        if (!Files.isExecutable(cdkLocal)) {
            throw new AssertionError("cdklocal is not installed at " + cdkLocal
                    + ": run `npm ci` in the project root (make node_modules does it)");
        }
        return cdkLocal;
    }

    /** The same check as the app's, made before anything starts, with its message telling how to build them. */
    private void requireLambdaJars() {
        try {
            LambdaJars.existing(infra, null, null);
        } catch (IllegalStateException e) {
            throw new AssertionError("The deployed-stack suite builds nothing itself. " + e.getMessage(), e);
        }
    }

    private void run(List<String> command, URI endpoint, String logName, Duration timeout)
            throws IOException, InterruptedException {
        Path log = workDirectory.resolve(logName);
        // To a file, not this JVM's output: the CLI prints a lot, and failsafe's fork talks to Maven over stdout.
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(infra.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment()
                .putAll(CdkLocalEnvironment.pointingAt(endpoint, System.getenv(), System.getProperty("java.home")));
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(describe(command, "did not finish within " + timeout, log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(describe(command, "failed with exit code " + process.exitValue(), log));
        }
    }

    private static String describe(List<String> command, String outcome, Path log) throws IOException {
        // Decoded leniently: a tool's stray bytes must not hide why the deployment failed.
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                .lines()
                .toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_FAILURE), lines.size());
        return "cdklocal " + command.get(1) + " " + outcome + "; the end of " + log + ":\n" + String.join("\n", tail);
    }

    private static String output(Path outputs, String stack, String name) {
        JsonNode value = JsonMapper.builder()
                .build()
                .readTree(outputs.toFile())
                .path(stack)
                .path(name);
        if (!value.isString()) {
            throw new AssertionError("no " + name + " of " + stack + " in " + outputs);
        }
        return value.asString();
    }
}
