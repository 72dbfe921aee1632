package dev.tasksservice.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite process (the DynamoDB API, in memory) on a free port, one per test JVM, stopped when the JVM exits. The
 * build tells where the dynalite CLI is through the system property {@code dynalite.cli}; {@code npm ci} installs it.
 */
public final class DynaliteServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static DynaliteServer shared;

    private final Process process;
    private final URI endpoint;

    private DynaliteServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized DynaliteServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "dynalite-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server, with the dummy credentials and region a local server accepts. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static DynaliteServer start() {
        Path cli = cli();
        int port = freePort();
        try {
            Path log = Files.createTempFile("dynalite-", ".log");
            Process process = new ProcessBuilder(
                            "node",
                            cli.toString(),
                            // Loopback only: dynalite asks for no credentials.
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port),
                            "--createTableMs",
                            "0",
                            "--deleteTableMs",
                            "0",
                            "--updateTableMs",
                            "0")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitPort(process, port, log);
            return new DynaliteServer(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start dynalite with node: is Node.js on the PATH?", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path cli() {
        String configured = System.getProperty("dynalite.cli");
        Path cli = configured != null
                ? Path.of(configured)
                : Path.of("..", "node_modules", "dynalite", "cli.js").toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed at " + cli
                    + ": run `npm ci` in the project root (make test does it for you)");
        }
        return cli;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for dynalite", e);
        }
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited at start: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "dynalite did not listen on port " + port + " within " + STARTUP_TIMEOUT + "; its log is " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
