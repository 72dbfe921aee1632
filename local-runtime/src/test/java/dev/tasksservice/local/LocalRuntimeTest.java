package dev.tasksservice.local;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.TasksClient;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.port.out.TaskAction;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole local runtime on a random port, on dynalite and embedded ElasticMQ, in real time: a one-second poll, a
 * short retry pause, and an action that records every run.
 */
@SpringBootTest(classes = LocalRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalRuntimeTest.TestWiring.class)
abstract class LocalRuntimeTest {

    static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(300), 1.0);

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
    }

    private TasksClient tasks;

    /** The runtime's API through the typed client. */
    TasksClient tasks() {
        if (tasks == null) {
            tasks = TasksClient.of(URI.create("http://localhost:" + port));
        }
        return tasks;
    }

    @AfterEach
    void closeClient() {
        if (tasks != null) {
            tasks.close();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestWiring {

        @Bean
        @Primary
        TaskAction recordingTaskAction() {
            return RecordingTaskAction.INSTANCE;
        }

        @Bean
        @Primary
        RetryPolicy quickRetries() {
            return QUICK_RETRIES;
        }
    }
}
