package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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
        UUID id;
        try (ConfigurableApplicationContext first = start(args);
                TasksClient tasks = client(first)) {
            id = tasks.create(ScheduleRequest.after(Duration.ofSeconds(4)))
                    .task()
                    .id();
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.get(id).status() == TaskStatus.IN_PROGRESS);
        }
        // The first runtime is gone, and its timer with it; the task is still IN_PROGRESS in the table.

        try (ConfigurableApplicationContext second = start(args);
                TasksClient tasks = client(second)) {
            assertThat(tasks.get(id).status()).isIn(TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED);

            await().atMost(Duration.ofSeconds(15)).until(() -> tasks.get(id).status() == TaskStatus.COMPLETED);

            Task task = tasks.get(id);
            assertThat(task.executedAt()).isAfterOrEqualTo(task.timestamp());
            assertThat(RecordingTaskAction.INSTANCE.runs(id)).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(LocalRuntimeApplication.class, LocalRuntimeTest.TestWiring.class).run(args);
    }

    private static TasksClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return TasksClient.of(URI.create("http://localhost:" + port));
    }
}
