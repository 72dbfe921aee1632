package dev.tasksservice.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chaos scenario runs against, all on 127.0.0.1 and started by Chaos itself: dynalite keeping its data in the
 * run's folder, and one or two local runtimes (the runtime's jar, in JVMs of their own). One runtime uses its embedded
 * queue; two share one queue, an ElasticMQ in a process of its own started from the same jar, so that each runtime has
 * its own poller, consumers and timers on the one table and the one queue. A runtime can be killed and started again,
 * dynalite stopped and started again on the same data. Every wait is bounded by the scenario's deadline.
 */
final class ChaosServices implements AutoCloseable {

    private static final String QUEUE_MAIN = "dev.tasksservice.local.LocalSqsServer";
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final ChaosOptions options;
    private final Path folder;
    private final Instant deadline;
    private final PrintStream out;
    private final int dynamoPort = LocalProcess.freePort();
    private final String webhookSecret = newSecret();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();
    private final List<RuntimeProcess> runtimes = new ArrayList<>();
    private LocalProcess dynalite;
    private LocalProcess queue;
    private URI queueEndpoint;
    /** Kills what is still running when the JVM stops before {@link #close()} (Ctrl-C, a test's timeout). */
    private final Thread killOnExit = new Thread(this::killAll, "chaos-kill-on-exit");

    private ChaosServices(ChaosOptions options, Path folder, Instant deadline, PrintStream out) {
        this.options = options;
        this.folder = folder;
        this.deadline = deadline;
        this.out = out;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts dynalite, the shared queue when there are two runtimes, and the runtimes at once (creating the table and
     * the queue is safe from two processes), and waits until each answers its health check.
     */
    static ChaosServices start(ChaosOptions options, int runtimeCount, Path folder, Instant deadline, PrintStream out)
            throws InterruptedException {
        ChaosServices services = new ChaosServices(options, folder, deadline, out);
        try {
            services.startDynalite();
            if (runtimeCount > 1) {
                services.startQueue();
            }
            for (int i = 1; i <= runtimeCount; i++) {
                services.runtimes.add(services.new RuntimeProcess(i));
            }
            for (RuntimeProcess runtime : services.runtimes) {
                runtime.launch();
            }
            for (RuntimeProcess runtime : services.runtimes) {
                runtime.awaitHealthy();
            }
            if (services.queue != null) {
                services.reportSharedQueue();
            }
            return services;
        } catch (RuntimeException | InterruptedException e) {
            services.close();
            throw e;
        }
    }

    List<URI> apiUrls() {
        return runtimes.stream().map(runtime -> runtime.apiUrl).toList();
    }

    /** {@code kill -9} of runtime {@code index} (1-based); returns its exit code once it is gone (137: SIGKILL). */
    int killRuntime(int index) throws InterruptedException {
        return runtimes.get(index - 1).process.kill();
    }

    /** Starts runtime {@code index} again, with the same settings, and waits until it is healthy. */
    void restartRuntime(int index) throws InterruptedException {
        RuntimeProcess runtime = runtimes.get(index - 1);
        runtime.launch();
        runtime.awaitHealthy();
    }

    /** Stops dynalite (SIGTERM; node exits at once); returns when it is gone. */
    void stopDynalite() throws InterruptedException {
        dynalite.stop();
    }

    /** Starts dynalite again on the same port and data. */
    void startDynalite() throws InterruptedException {
        Path data = folder.resolve("dynalite");
        createDirectories(data);
        dynalite = LocalProcess.start(
                "dynalite",
                List.of(
                        "node",
                        options.dynaliteCli().toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(dynamoPort),
                        "--path",
                        data.toString(),
                        "--createTableMs",
                        "0",
                        "--deleteTableMs",
                        "0",
                        "--updateTableMs",
                        "0"),
                Map.of(),
                folder.resolve("dynalite.log"));
        dynalite.awaitReady(() -> LocalProcess.listening(dynamoPort), bounded(Duration.ofSeconds(30)), "listen");
    }

    private void startQueue() throws InterruptedException {
        int port = LocalProcess.freePort();
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(
                "-Dloader.main=" + QUEUE_MAIN,
                "-cp",
                options.runtimeJar().toString(),
                LAUNCHER,
                Integer.toString(port)));
        queue = LocalProcess.start("the shared queue (ElasticMQ)", command, Map.of(), folder.resolve("queue.log"));
        queue.awaitReady(() -> LocalProcess.listening(port), bounded(Duration.ofSeconds(120)), "listen");
        queueEndpoint = URI.create("http://localhost:" + port);
        out.printf("the shared queue (ElasticMQ, pid %d) is at %s%n", queue.pid(), queueEndpoint);
    }

    /**
     * Says which queues the shared server holds, and that no runtime started an SQS server of its own: the runtimes
     * share the one queue.
     */
    private void reportSharedQueue() throws InterruptedException {
        String queues;
        try {
            String body = http.send(
                            HttpRequest.newBuilder(queueEndpoint.resolve("/?Action=ListQueues"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            queues = String.join(
                    ", ",
                    java.util.regex.Pattern.compile("<QueueUrl>([^<]+)</QueueUrl>")
                            .matcher(body)
                            .results()
                            .map(match -> match.group(1))
                            .sorted()
                            .toList());
        } catch (IOException e) {
            queues = "(could not list them: " + e.getMessage() + ")";
        }
        long ownServers = runtimes.stream()
                .filter(runtime -> LocalProcess.listening(runtime.sqsPort))
                .count();
        out.printf(
                "the shared queue server holds %s; %d of the runtimes started an SQS server of their own%n",
                queues, ownServers);
    }

    private List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            // The embedded SQS server (Pekko) uses sun.misc.Unsafe: JDK 23+ would warn about it at every start.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        String javaOpts = System.getenv("JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command.addAll(List.of(javaOpts.strip().split("\\s+")));
        }
        return command;
    }

    private Instant bounded(Duration wait) {
        Instant until = Instant.now().plus(wait);
        return until.isBefore(deadline) ? until : deadline;
    }

    /** The threads in the service's code of every runtime still running, by runtime. */
    Map<String, String> runtimeThreads() throws InterruptedException {
        Map<String, String> threads = new LinkedHashMap<>();
        for (RuntimeProcess runtime : runtimes) {
            if (runtime.process != null && runtime.process.isAlive()) {
                threads.put(runtime.process.name(), runtime.process.serviceThreads());
            }
        }
        return threads;
    }

    /** Where the logs are kept. */
    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        for (LocalProcess process : processes()) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyAtOnce();
            }
        }
        http.close();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is stopping: the hook runs, and finds nothing left to kill.
        }
    }

    private void killAll() {
        processes().forEach(LocalProcess::destroyAtOnce);
    }

    /** The processes started, the runtimes first and dynalite last. */
    private List<LocalProcess> processes() {
        List<LocalProcess> all = new ArrayList<>();
        runtimes.forEach(runtime -> {
            if (runtime.process != null) {
                all.add(runtime.process);
            }
        });
        if (queue != null) {
            all.add(queue);
        }
        if (dynalite != null) {
            all.add(dynalite);
        }
        return all;
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One local runtime: its ports and settings stay the same across restarts. */
    private final class RuntimeProcess {

        private final int index;
        private final int apiPort = LocalProcess.freePort();
        private final int sqsPort = LocalProcess.freePort();
        private final URI apiUrl;
        private LocalProcess process;
        private int starts;

        RuntimeProcess(int index) {
            this.index = index;
            this.apiUrl = URI.create("http://127.0.0.1:" + apiPort);
        }

        void launch() {
            starts++;
            Path data = folder.resolve("runtime-" + index);
            createDirectories(data);
            List<String> command = new ArrayList<>(javaCommand());
            command.addAll(List.of("-jar", options.runtimeJar().toString()));
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(apiPort));
            // The API on loopback only, like every server a check starts.
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamoPort);
            env.put("LOCAL_DATA_DIR", data.toString());
            env.put("TASKS_WEBHOOK_SECRET", webhookSecret);
            env.put("TASKS_LOCAL_SQS_PORT", Integer.toString(sqsPort));
            env.put("TASKS_LOCAL_SQS_ENDPOINT", queueEndpoint == null ? null : queueEndpoint.toString());
            // The sweep that reads the table itself finds the tasks whose index entry a dynalite stop lost, well
            // within the 2 minutes after their time that Chaos allows (a scan of a large table is not cheap).
            env.put("TASKS_LOCAL_TABLE_SWEEP_INTERVAL", "60s");
            if (options.pollInterval() != null) {
                env.put("TASKS_LOCAL_POLL_INTERVAL", options.pollInterval().toSeconds() + "s");
            }
            String name = "runtime " + index;
            process = LocalProcess.start(name, command, env, folder.resolve("runtime-" + index + ".log"));
        }

        void awaitHealthy() throws InterruptedException {
            String name = process.name();
            process.awaitReady(this::healthy, bounded(Duration.ofMinutes(3)), "answer its health check");
            out.printf("%s (pid %d) %s at %s%n", name, process.pid(), starts == 1 ? "is up" : "is up again", apiUrl);
        }

        private boolean healthy() {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(apiUrl.resolve("/actuator/health"))
                                .timeout(HEALTH_TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
