package dev.tasksservice.local;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.CreatedTask;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.RetryPolicy;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.TasksClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole local runtime on a random port, on dynalite and embedded ElasticMQ, in real time, with a one-second poll
 * and a known webhook secret; its tasks are delivered to the {@link TargetReceiver} of the test JVM.
 */
@SpringBootTest(classes = LocalRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LocalRuntimeTest {

    /** The secret the runtime signs webhooks with in these tests (32 bytes of 0x2a). */
    static final String SECRET = "whsec_KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

    /** Retries 300 ms apart at most: a failing task is FAILED within a second or so. */
    static final RetryPolicy QUICK_RETRIES =
            RetryPolicy.attempts(3).withBackoff(Duration.ofMillis(300), Duration.ofMillis(300));

    static final TargetReceiver RECEIVER = TargetReceiver.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void localServers(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.aws.dynamodb.endpoint",
                () -> DynaliteServer.shared().endpoint().toString());
        registry.add(
                "tasks.stage", () -> "local-it-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("tasks.local.sqs-port", () -> "0");
        registry.add("tasks.local.poll-interval", () -> "1s");
        registry.add("tasks.local.webhook-secret", () -> SECRET);
        registry.add("tasks.local.data-dir", () -> tempDir("local-runtime-data").toString());
    }

    private TasksClient tasks;

    /** The runtime's API through the typed client. */
    TasksClient tasks() {
        if (tasks == null) {
            tasks = TasksClient.of(URI.create("http://localhost:" + port));
        }
        return tasks;
    }

    /** Creates a task from {@code request} delivered to {@code url}, with {@link #QUICK_RETRIES}. */
    CreatedTask createFor(URI url, ScheduleRequest request) {
        return tasks().create(request.withTarget(HttpTarget.post(url)).withRetry(QUICK_RETRIES));
    }

    @AfterEach
    void closeClient() {
        if (tasks != null) {
            tasks.close();
        }
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
