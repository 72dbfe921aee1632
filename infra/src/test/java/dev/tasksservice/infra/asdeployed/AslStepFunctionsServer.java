package dev.tasksservice.infra.asdeployed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Step Functions endpoint on loopback that really runs state machine definitions: the Amazon States Language
 * interpreter of the npm package aws-local-stepfunctions behind the AWS JSON 1.0 protocol (StartExecution,
 * StopExecution, DescribeExecution, ListExecutions), in a node child process
 * ({@code infra/src/test/node/step-functions-server.mjs}). Its {@code arn:aws:states:::lambda:invoke} Task states POST
 * their Payload to the HTTP endpoint bound to the function name, as Lambda would hand it to a handler; its
 * {@code arn:aws:states:::states:startExecution} Task states start an execution of a machine served here. An Express
 * machine's executions are as Step Functions has them: names are not unique, DescribeExecution and StopExecution refuse
 * them, and they time out after five minutes.
 *
 * <p>The definition must be resolved (no CloudFormation intrinsics). Needs {@code node} on the PATH and {@code npm ci}
 * run in the repository root. The process's stderr goes to {@code infra/target/asl-step-functions-server.log}.
 */
public final class AslStepFunctionsServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final String LISTENING = "LISTENING ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(REQUEST_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private AslStepFunctionsServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** A state machine to serve: its ARN, its resolved definition, and whether it is an Express one. */
    public record Machine(String stateMachineArn, String definitionJson, boolean express) {}

    /** Starts a server of the one Standard state machine {@code stateMachineArn}; see {@link #start(Path, List, Map)}. */
    public static AslStepFunctionsServer start(
            Path repoRoot, String stateMachineArn, String definitionJson, Map<String, String> lambdaUrls) {
        return start(repoRoot, List.of(new Machine(stateMachineArn, definitionJson, false)), lambdaUrls);
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param lambdaUrls function name or ARN, as the Task states name it in {@code Parameters.FunctionName} (with or
     *     without an alias or version qualifier), to the URL that gets each invocation's Payload
     */
    public static AslStepFunctionsServer start(Path repoRoot, List<Machine> machines, Map<String, String> lambdaUrls) {
        Path script = repoRoot.resolve("infra/src/test/node/step-functions-server.mjs");
        Path library = repoRoot.resolve("node_modules/aws-local-stepfunctions");
        if (!Files.isDirectory(library)) {
            throw new IllegalStateException("aws-local-stepfunctions is not installed at " + library.normalize()
                    + ": run `npm ci` in the repository root");
        }
        try {
            ObjectNode config = JSON.createObjectNode();
            ArrayNode served = config.putArray("stateMachines");
            for (Machine machine : machines) {
                ObjectNode entry = served.addObject();
                entry.put("stateMachineArn", machine.stateMachineArn());
                entry.set("definition", JSON.readTree(machine.definitionJson()));
                entry.put("type", machine.express() ? "EXPRESS" : "STANDARD");
            }
            config.set("lambdas", JSON.valueToTree(lambdaUrls));
            Path configFile = Files.createTempFile("asl-step-functions-server", ".json");
            configFile.toFile().deleteOnExit();
            Files.writeString(configFile, JSON.writeValueAsString(config));

            Path log = logFile(repoRoot);
            Process process = new ProcessBuilder("node", script.toString(), configFile.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                int port = awaitPort(process).get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new AslStepFunctionsServer(process, URI.create("http://127.0.0.1:" + port));
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "The Step Functions server did not start within " + STARTUP_TIMEOUT + "; see " + log, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Step Functions server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the Step Functions server", e);
        }
    }

    /** The endpoint to give the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The next {@code count} invocations of {@code function} (name or ARN, matched as the bindings are) fail with the
     * error {@code error} (e.g. {@code Lambda.TooManyRequestsException}) without reaching the function, as when Lambda
     * throttles.
     */
    public void injectFault(String function, String error, int count) {
        ObjectNode fault = JSON.createObjectNode();
        fault.put("function", function);
        fault.put("error", error);
        fault.put("count", count);
        send(HttpRequest.newBuilder(endpoint.resolve("/_faults"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fault))));
    }

    /**
     * Makes the next {@code count} invocations of {@code function} by the execution named {@code execution} fail with
     * {@code error} and {@code cause} (as a function error or a Lambda platform error), without calling the function.
     * Faults are used in the order they were injected.
     */
    public void injectFault(String function, String execution, String error, String cause, int count) {
        ObjectNode fault = JSON.createObjectNode();
        fault.put("function", function);
        fault.put("execution", execution);
        fault.put("error", error);
        fault.put("cause", cause);
        fault.put("count", count);
        send(HttpRequest.newBuilder(endpoint.resolve("/_faults"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fault))));
    }

    /**
     * Has the server POST to {@code url} (and wait for the answer) before it carries out the next StartExecution of
     * the execution named {@code execution}: a race staged exactly where it happens.
     */
    public void beforeStart(String execution, URI url) {
        ObjectNode hook = JSON.createObjectNode();
        hook.put("beforeStart", execution);
        hook.put("url", url.toString());
        send(HttpRequest.newBuilder(endpoint.resolve("/_hooks"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(hook))));
    }

    /**
     * Every execution as a JSON array: what DescribeExecution answers, plus {@code events}, each with {@code time}
     * (ISO-8601), {@code type} (ExecutionStarted, StateEntered, StateExited, StateFailed, StateRetried, StateCaught,
     * LambdaInvoked, StartExecutionCalled, Execution{Succeeded,Failed,Aborted,Timeout}), {@code state}, for
     * LambdaInvoked {@code function}, {@code payload} and {@code outcome} ({@code ok}, the error name, or null while it
     * runs), and for StartExecutionCalled {@code parameters} and {@code outcome}.
     */
    public String executionsJson() {
        return send(HttpRequest.newBuilder(endpoint.resolve("/_executions")).GET());
    }

    /** Stops the node process (it also exits by itself when this JVM dies, as its stdin closes). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(
                    request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Step Functions server answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The port from the server's {@code LISTENING <port>} line; fails if it exits first. */
    private static CompletableFuture<Integer> awaitPort(Process process) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().name("asl-step-functions-server-stdout").start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LISTENING)) {
                        port.complete(Integer.parseInt(
                                line.substring(LISTENING.length()).trim()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("The server exited before it listened"));
        });
        return port;
    }

    private static Path logFile(Path repoRoot) throws IOException {
        Path target = Path.of(System.getProperty(
                "build.directory", repoRoot.resolve("infra/target").toString()));
        Files.createDirectories(target);
        return target.resolve("asl-step-functions-server.log");
    }
}
