package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A runtime stopped while tasks wait in its timers: started again, it runs them, once. */
class LocalRecoveryIT {

    @Test
    void tasksWaitingInTimersRunOnceAfterARestart() {
        String[] args = {
            "--server.port=0",
            "--spring.cloud.aws.dynamodb.endpoint=" + DynaliteServer.shared().endpoint(),
            "--tasks.stage=recovery-" + UUID.randomUUID().toString().substring(0, 8),
            "--tasks.local.sqs-port=0",
            "--tasks.local.poll-interval=1s"
        };
        String id;
        try (ConfigurableApplicationContext first = start(args)) {
            TasksHttp http = http(first);
            id = http.create("{\"seconds\":4}").get("id").stringValue();
            await().atMost(Duration.ofSeconds(10)).until(() -> http.status(id).equals("IN_PROGRESS"));
        }
        // The first runtime is gone, and its timer with it; the task is still IN_PROGRESS in the table.

        try (ConfigurableApplicationContext second = start(args)) {
            TasksHttp http = http(second);
            assertThat(http.status(id)).isIn(TaskStatus.IN_PROGRESS.name(), TaskStatus.COMPLETED.name());

            await().atMost(Duration.ofSeconds(15)).until(() -> http.status(id).equals("COMPLETED"));

            JsonNode task = http.get(id);
            Instant timestamp = Timestamps.parse(task.get("timestamp").stringValue());
            assertThat(Timestamps.parse(task.get("executedAt").stringValue())).isAfterOrEqualTo(timestamp);
            assertThat(RecordingTaskAction.INSTANCE.runs(UUID.fromString(id))).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(LocalRuntimeApplication.class, LocalRuntimeTest.TestWiring.class).run(args);
    }

    private static TasksHttp http(ConfigurableApplicationContext context) {
        return new TasksHttp(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
