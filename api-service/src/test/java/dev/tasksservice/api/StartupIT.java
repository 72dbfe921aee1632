package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.CreatedTask;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.InvalidTaskRequestException;
import dev.tasksservice.client.RetryPolicy;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as started from the command line: fails fast without DynamoDB or with a bad setting, keeps tasks across
 * restarts, and takes its target and retry rules from its settings.
 */
class StartupIT {

    @Test
    void withoutDynamoDbTheServiceRefusesToStartAndSaysWhy() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> start("--spring.cloud.aws.dynamodb.endpoint=http://localhost:" + closedPort))
                .hasStackTraceContaining("Cannot use DynamoDB table tasksTable-local at http://localhost:" + closedPort)
                .hasStackTraceContaining("DYNAMODB_ENDPOINT");
    }

    @Test
    void aRestartedServiceStillHasTheTasksOfTheFirst() {
        String endpoint = "--spring.cloud.aws.dynamodb.endpoint="
                + DynaliteServer.shared().endpoint();
        String stage = "--tasks.stage=restart-" + UUID.randomUUID();
        UUID id;
        try (ConfigurableApplicationContext first = start(endpoint, stage);
                TasksClient client = client(first, "")) {
            id = client.create(ScheduleRequest.after(Duration.ofMinutes(5)))
                    .task()
                    .id();
        }

        try (ConfigurableApplicationContext second = start(endpoint, stage);
                TasksClient client = client(second, "")) {
            assertThat(client.get(id).status()).isEqualTo(TaskStatus.SCHEDULED);
        }
    }

    @Test
    void behindAStagePathTheClientAndTheLocationCarryTheStage() {
        try (ConfigurableApplicationContext api = start(
                        "--spring.cloud.aws.dynamodb.endpoint="
                                + DynaliteServer.shared().endpoint(),
                        "--tasks.stage=stage-" + UUID.randomUUID(),
                        "--server.servlet.context-path=/dev");
                TasksClient client = client(api, "/dev/")) {
            CreatedTask created = client.create(ScheduleRequest.after(Duration.ofMinutes(5)));

            assertThat(created.location())
                    .isEqualTo(URI.create(
                            client.baseUrl() + "/tasks/" + created.task().id()));
            assertThat(created.location().getPath()).startsWith("/dev/tasks/");
            assertThat(client.get(created.task().id())).isEqualTo(created.task());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            TASKS_RETRY_MAX_ATTEMPTS=three       | TASKS_RETRY_MAX_ATTEMPTS (tasks.retry.max-attempts) must be a whole number
            TASKS_RETRY_ATTEMPTS_CEILING=25      | TASKS_RETRY_ATTEMPTS_CEILING must be between 1 and 20
            TASKS_RETRY_MAX_BACKOFF_MS=100       | TASKS_RETRY_MAX_BACKOFF_MS must be between TASKS_RETRY_INITIAL_BACKOFF_MS
            TASKS_TARGET_ALLOW=10.0.0.0/99       | TASKS_TARGET_ALLOW
            TASKS_DEFAULT_TARGET=ftp://files.example | TASKS_DEFAULT_TARGET
            """)
    void aBadTargetOrRetrySettingStopsTheStartNamingIt(String setting, String message) {
        // A command-line argument stands for the environment variable: both fill the settings' placeholders.
        assertThatThrownBy(() -> start(
                        "--spring.cloud.aws.dynamodb.endpoint="
                                + DynaliteServer.shared().endpoint(),
                        "--tasks.stage=settings-" + UUID.randomUUID(),
                        "--" + setting))
                .hasStackTraceContaining(message);
    }

    @Test
    void theTargetAndRetrySettingsShapeNewTasks() {
        try (ConfigurableApplicationContext api = start(
                        "--spring.cloud.aws.dynamodb.endpoint="
                                + DynaliteServer.shared().endpoint(),
                        "--tasks.stage=settings-" + UUID.randomUUID(),
                        "--TASKS_RETRY_MAX_ATTEMPTS=5",
                        "--TASKS_RETRY_INITIAL_BACKOFF_MS=1000",
                        "--TASKS_RETRY_MAX_BACKOFF_MS=8000",
                        "--TASKS_RETRY_ATTEMPTS_CEILING=6",
                        "--TASKS_RETRY_BACKOFF_CEILING_MS=10000",
                        "--TASKS_TARGET_ALLOW=127.0.0.0/8");
                TasksClient client = client(api, "")) {
            Task task = client.create(ScheduleRequest.after(Duration.ofMinutes(5))
                            .withTarget(HttpTarget.post("http://127.0.0.1:9/hook")))
                    .task();

            assertThat(task.retry()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            assertThatThrownBy(() -> client.create(
                            ScheduleRequest.after(Duration.ofMinutes(5)).withRetry(RetryPolicy.attempts(7))))
                    .isInstanceOf(InvalidTaskRequestException.class)
                    .hasMessageContaining("between 1 and 6");
            assertThatThrownBy(() -> client.create(ScheduleRequest.after(Duration.ofMinutes(5))
                            .withRetry(RetryPolicy.attempts(2)
                                    .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(11)))))
                    .isInstanceOf(InvalidTaskRequestException.class)
                    .hasMessageContaining("between 100 and 10000");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return new SpringApplicationBuilder(TasksApiApplication.class).run(all);
    }

    private static TasksClient client(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return TasksClient.of(URI.create("http://localhost:" + port + path));
    }
}
