package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.api.ApiClient.Reply;
import dev.tasksservice.aws.DynaliteServer;
import java.io.IOException;
import java.net.ServerSocket;
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
        String id;
        try (ConfigurableApplicationContext first = start(endpoint, stage)) {
            Reply created = client(first).post("/tasks", "{\"minutes\":5}");
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").stringValue();
        }

        try (ConfigurableApplicationContext second = start(endpoint, stage)) {
            Reply found = client(second).get("/tasks/" + id);

            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().get("status").stringValue()).isEqualTo("SCHEDULED");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return new SpringApplicationBuilder(TasksApiApplication.class).run(all);
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
