package dev.tasksservice.infra.asdeployed;

import dev.tasksservice.infra.LiveJavaFunction;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Lambda function run as deployed: its jar and handler in a fresh JVM whose environment holds only the function's
 * variables, the endpoints of the local AWS emulators, and what the Lambda runtime itself sets. Every AWS API call
 * the function makes is recorded ({@link #calls()}), to compare with the function's IAM policy.
 *
 * <p>The JVM runs {@link LambdaRuntimeEmulator}; its output goes to {@code target/lambda-logs/<function>.log}.
 */
public final class LambdaProcess implements AutoCloseable {

    /**
     * What the Lambda runtime sets in every function's environment (java21 runtime, us-east-1), apart from the
     * per-function values added in {@link #runtimeEnvironment}. The credentials are dummies: the local emulators
     * accept any. TZ and LANG may be overridden by the function; the others are reserved and Lambda refuses a
     * function that sets them.
     */
    private static final Map<String, String> LAMBDA_RUNTIME_ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "us-east-1"),
            Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
            Map.entry("AWS_ACCESS_KEY_ID", "ASIALOCALLAMBDA00000"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "local-lambda-secret-access-key"),
            Map.entry("AWS_SESSION_TOKEN", "local-lambda-session-token"),
            Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LiveJavaFunction.MEMORY_MB)),
            Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
            Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
            Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
            Map.entry("TZ", ":UTC"),
            Map.entry("LANG", "en_US.UTF-8"));

    private static final Set<String> OVERRIDABLE = Set.of("TZ", "LANG");
    private static final String ENDPOINT_PREFIX = "AWS_ENDPOINT_URL";
    private static final String DEFAULT_METHOD = "handleRequest";
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INVOKE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int STDERR_LINES_KEPT = 400;
    private static final int STDERR_LINES_REPORTED = 150;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String functionName;
    private final Process process;
    private final Path scratch;
    private final Path log;
    private final Output output;
    private final Thread stopOnExit;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private URI base;
    private Duration initDuration;

    private LambdaProcess(String functionName, Process process, Path scratch, Path log, Output output) {
        this.functionName = functionName;
        this.process = process;
        this.scratch = scratch;
        this.log = log;
        this.output = output;
        this.stopOnExit = new Thread(this::stop, "stop-lambda-" + functionName);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the function and waits for its init phase to end.
     *
     * @param jar the function's deployment jar
     * @param handler the template's Handler: {@code class::method}, or a class whose method is {@code handleRequest}
     * @param functionEnvironment the function's environment variables, as in the template
     * @param endpoints where the SDK finds the local emulators: {@code AWS_ENDPOINT_URL_*} variables only
     * @param functionName the function's name, also the name of its log file
     * @throws InitFailedException when the function does not start; its message holds the function's stderr
     */
    public static LambdaProcess start(
            Path jar,
            String handler,
            Map<String, String> functionEnvironment,
            Map<String, String> endpoints,
            String functionName) {
        endpoints.keySet().stream()
                .filter(name -> !name.startsWith(ENDPOINT_PREFIX))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("Only " + ENDPOINT_PREFIX
                            + "* variables may be added to the function's environment: " + name);
                });
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("No function jar at " + jar + ": build it first (mvn package)");
        }
        Map<String, String> runtime =
                runtimeEnvironment(functionName, handler, jar.toAbsolutePath().getParent());
        functionEnvironment.keySet().stream()
                .filter(name -> runtime.containsKey(name) && !OVERRIDABLE.contains(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException(
                            "Lambda reserves " + name + " for its runtime: a function cannot set it");
                });
        try {
            Path scratch = Files.createTempDirectory("lambda-" + functionName + "-");
            Path classes = harnessClasses();
            Path log = classes.getParent().resolve("lambda-logs").resolve(functionName + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command(jar, handler, classes, scratch));
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(runtime);
            environment.putAll(functionEnvironment);
            environment.putAll(endpoints);
            Output output = new Output(log);
            Process process = builder.start();
            output.pump(process);
            LambdaProcess lambda = new LambdaProcess(functionName, process, scratch, log, output);
            lambda.awaitInit(handler);
            return lambda;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start function " + functionName, e);
        }
    }

    /** Lambda's per-function runtime variables, on top of {@link #LAMBDA_RUNTIME_ENVIRONMENT}. */
    private static Map<String, String> runtimeEnvironment(String functionName, String handler, Path taskRoot) {
        Map<String, String> environment = new HashMap<>(LAMBDA_RUNTIME_ENVIRONMENT);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + functionName);
        environment.put("_HANDLER", handler);
        // On Lambda the code's directory; here the jar's, as the jar is not unpacked.
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        return environment;
    }

    private static List<String> command(Path jar, String handler, Path classes, Path scratch) throws IOException {
        // The SDK builds every client with the interceptors named in this resource, which only this JVM sees.
        Path interceptors = scratch.resolve("classpath/software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(interceptors.getParent());
        Files.writeString(interceptors, AwsCallRecorder.class.getName() + "\n");
        String classPath = String.join(
                File.pathSeparator,
                jar.toAbsolutePath().toString(),
                classes.toString(),
                scratch.resolve("classpath").toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        String handlerSpec = handler.contains("::") ? handler : handler + "::" + DEFAULT_METHOD;
        return List.of(
                java,
                // As the java21 runtime starts the JVM: fast start-up over peak speed, a heap within the memory size.
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-XX:+UseSerialGC",
                "-Xmx" + LiveJavaFunction.MEMORY_MB * 85 / 100 + "m",
                // Lambda has no ~/.aws; the developer's profile (region, endpoint_url, ...) must not leak in.
                "-Daws.configFile=" + scratch.resolve("no-aws-config"),
                "-Daws.sharedCredentialsFile=" + scratch.resolve("no-aws-credentials"),
                "-cp",
                classPath,
                LambdaRuntimeEmulator.class.getName(),
                handlerSpec);
    }

    /** The compiled harness (infra's target/test-classes), which the function's JVM runs. */
    private static Path harnessClasses() {
        try {
            return Path.of(LambdaProcess.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitInit(String handler) {
        String failure;
        try {
            String[] ready = output.ready().get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            base = URI.create("http://127.0.0.1:" + ready[0]);
            initDuration = Duration.ofMillis(Long.parseLong(ready[1]));
            return;
        } catch (TimeoutException e) {
            failure = "no READY within " + INIT_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        close();
        String exit = process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
        String stderr = output.stderrReport();
        throw new InitFailedException(
                "Function " + functionName + " (" + handler + ") did not start: " + failure + exit + "; its log is "
                        + log + ". Its stderr:" + System.lineSeparator() + stderr,
                stderr);
    }

    /** Runs one invocation, as the Invoke API with RequestResponse does. */
    public Invocation invoke(String eventJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(invokeUrl())
                .timeout(INVOKE_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
                .build());
        return switch (response.statusCode()) {
            case 200 -> new Invocation(true, response.body(), null, null);
            case 500 -> {
                JsonNode error = JSON.readTree(response.body());
                yield new Invocation(false, response.body(), text(error, "errorType"), text(error, "errorMessage"));
            }
            default ->
                throw new IllegalStateException("Unexpected answer from the function's runtime: "
                        + response.statusCode() + " " + response.body());
        };
    }

    /**
     * Where other processes invoke the function: POST the event; 200 with the function's output, or 500 with
     * {@code {"errorType":...,"errorMessage":...,"stackTrace":[...]}} when it throws.
     */
    public URI invokeUrl() {
        return base.resolve("/invoke");
    }

    /** The AWS API calls the function made since it started, or since {@link #clearCalls()}, oldest first. */
    public List<AwsCall> calls() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/calls"))
                .timeout(STOP_TIMEOUT)
                .GET()
                .build());
        List<AwsCall> calls = new ArrayList<>();
        for (JsonNode call : JSON.readTree(response.body()).values()) {
            calls.add(new AwsCall(text(call, "service"), text(call, "operation"), text(call, "resource")));
        }
        return calls;
    }

    public void clearCalls() {
        send(HttpRequest.newBuilder(base.resolve("/calls/clear"))
                .timeout(STOP_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** How long the init phase took: loading and constructing the handler. */
    public Duration initDuration() {
        return initDuration;
    }

    /** The function's stdout and stderr. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting: the hook stops the process.
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Function " + functionName + " did not answer " + request.uri()
                            + (process.isAlive() ? "" : " (its JVM ended with " + process.exitValue() + ")")
                            + "; its log is " + log + ". Its stderr:" + System.lineSeparator()
                            + output.stderrReport(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling function " + functionName, e);
        }
    }

    private synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        output.finish();
        deleteQuietly(scratch);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // Already deleted, or left to the temp directory's cleaning.
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The function could not start; {@link #stderr()} is what it printed on stderr (the end of it). */
    public static final class InitFailedException extends IllegalStateException {

        private final String stderr;

        InitFailedException(String message, String stderr) {
            super(message);
            this.stderr = stderr;
        }

        public String stderr() {
            return stderr;
        }
    }

    /**
     * The child's stdout and stderr: both copied to the log file; stdout watched for {@code READY <port> <ms>},
     * stderr's last lines kept to explain a failure.
     */
    private static final class Output {

        private final PrintWriter log;
        private final CompletableFuture<String[]> ready = new CompletableFuture<>();
        private final Deque<String> stderr = new ArrayDeque<>();
        private final List<Thread> pumps = new ArrayList<>();

        Output(Path file) throws IOException {
            this.log = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        }

        CompletableFuture<String[]> ready() {
            return ready;
        }

        void pump(Process process) {
            pumps.add(Thread.ofPlatform()
                    .daemon()
                    .start(() -> read(process.getInputStream(), line -> {
                        if (!ready.isDone() && line.startsWith("READY ")) {
                            ready.complete(
                                    line.substring("READY ".length()).trim().split(" "));
                        }
                        write("out", line);
                    })));
            pumps.add(Thread.ofPlatform()
                    .daemon()
                    .start(() -> read(process.getErrorStream(), line -> {
                        synchronized (stderr) {
                            stderr.addLast(line);
                            if (stderr.size() > STDERR_LINES_KEPT) {
                                stderr.removeFirst();
                            }
                        }
                        write("err", line);
                    })));
            // The JVM ended before it was ready: INIT_FAILED, or it died some other way.
            process.onExit().thenRun(() -> {
                awaitPumps();
                ready.completeExceptionally(new IllegalStateException("the JVM ended"));
            });
        }

        private void read(InputStream stream, Consumer<String> lines) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines);
            } catch (IOException | UncheckedIOException closed) {
                // The process ended.
            }
        }

        private synchronized void write(String stream, String line) {
            log.println(stream + " | " + line);
        }

        /** The stderr lines that explain a failure: from INIT_FAILED on when it was printed, else the last ones. */
        String stderrReport() {
            List<String> lines;
            synchronized (stderr) {
                lines = new ArrayList<>(stderr);
            }
            int from = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("INIT_FAILED")) {
                    from = i;
                    break;
                }
            }
            if (from == 0) {
                from = Math.max(0, lines.size() - STDERR_LINES_REPORTED);
            }
            return String.join(
                    System.lineSeparator(), lines.subList(from, Math.min(lines.size(), from + STDERR_LINES_REPORTED)));
        }

        void finish() {
            awaitPumps();
            synchronized (this) {
                log.close();
            }
        }

        private void awaitPumps() {
            for (Thread pump : pumps) {
                try {
                    pump.join(STOP_TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
