package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.CreatedTask;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The service as started from the command line: fails fast without DynamoDB, and keeps tasks across restarts. */
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
