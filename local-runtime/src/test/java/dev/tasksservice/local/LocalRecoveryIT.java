package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A runtime stopped while tasks wait in its timers: started again, it delivers them, once, signed with the dev secret
 * it made on its first start and kept in its data folder.
 */
class LocalRecoveryIT {

    private static final TargetReceiver RECEIVER = TargetReceiver.shared();

    @Test
    void tasksWaitingInTimersAreDeliveredOnceAfterARestartSignedWithTheSameDevSecret() throws Exception {
        Path dataDir = LocalRuntimeTest.tempDir("local-recovery-data");
        String[] args = {
            "--server.port=0",
            "--spring.cloud.aws.dynamodb.endpoint=" + DynaliteServer.shared().endpoint(),
            "--tasks.stage=recovery-" + UUID.randomUUID().toString().substring(0, 8),
            "--tasks.local.sqs-port=0",
            "--tasks.local.poll-interval=1s",
            "--tasks.local.data-dir=" + dataDir,
            // No TASKS_WEBHOOK_SECRET: the runtime makes its dev secret.
            "--tasks.local.webhook-secret="
        };
        URI target = RECEIVER.newUrl();
        UUID id;
        try (ConfigurableApplicationContext first = start(args);
                TasksClient tasks = client(first)) {
            id = tasks.create(ScheduleRequest.after(Duration.ofSeconds(4)).withTarget(HttpTarget.post(target)))
                    .task()
                    .id();
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.get(id).status() == TaskStatus.IN_PROGRESS);
        }
        // The first runtime is gone, and its timer with it; the task is still IN_PROGRESS in the table.
        Path secretFile = dataDir.resolve(LocalSigningSecret.FILE_NAME);
        assertThat(secretFile).exists();
        String secret = Files.readString(secretFile).strip();

        try (ConfigurableApplicationContext second = start(args);
                TasksClient tasks = client(second)) {
            assertThat(tasks.get(id).status()).isIn(TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED);

            await().atMost(Duration.ofSeconds(15)).until(() -> tasks.get(id).status() == TaskStatus.COMPLETED);

            Task task = tasks.get(id);
            assertThat(task.executedAt()).isAfterOrEqualTo(task.timestamp());
            assertThat(RECEIVER.deliveriesOf(id)).singleElement().satisfies(delivery -> {
                assertThat(delivery.at()).isAfterOrEqualTo(task.timestamp());
                assertThat(StandardWebhooks.verifies(secret, delivery))
                        .as("signed with the dev secret in %s", secretFile)
                        .isTrue();
            });
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(LocalRuntimeApplication.class).run(args);
    }

    private static TasksClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return TasksClient.of(URI.create("http://localhost:" + port));
    }
}
