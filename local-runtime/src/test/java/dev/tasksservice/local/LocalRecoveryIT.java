package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import dev.tasksservice.domain.model.Timestamps;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A runtime stopped while tasks wait in its timers: started again, it delivers them, once, signed with the dev secret
 * it made on its first start and kept in its data folder. And tasks whose index entry a dynalite stopped half way
 * through a write lost are found in the table itself, from startup on.
 */
class LocalRecoveryIT {

    private static final TargetReceiver RECEIVER = TargetReceiver.shared();
    private static final DynamoDbClient DYNAMO_DB = DynaliteServer.shared().client();

    @Test
    void tasksWaitingInTimersAreDeliveredOnceAfterARestartSignedWithTheSameDevSecret() throws Exception {
        Path dataDir = LocalRuntimeTest.tempDir("local-recovery-data");
        String stage = "recovery-" + UUID.randomUUID().toString().substring(0, 8);
        // No TASKS_WEBHOOK_SECRET: the runtime makes its dev secret.
        String[] args = runtimeArgs(stage, dataDir, "--tasks.local.webhook-secret=");
        URI target = RECEIVER.newUrl();
        UUID id;
        try (ConfigurableApplicationContext first = start(args);
                TasksClient tasks = client(first)) {
            id = tasks.create(ScheduleRequest.after(Duration.ofSeconds(4)).withTarget(HttpTarget.post(target)))
                    .task()
                    .id();
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.get(id).status() == TaskStatus.IN_PROGRESS);
        }
        // The first runtime is gone, and its timer with it; the task is still IN_PROGRESS in the table, and its index
        // entry is lost as well: the restart must read the table itself.
        loseIndexEntry(stage, id);
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

    @Test
    void aWaitingTaskWhoseIndexEntryIsLostIsStartedByTheTableSweepAtStartup() throws Exception {
        String stage = "table-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        // The next sweep of the table is far away: only the one at startup can find the task.
        String[] args = runtimeArgs(
                stage, LocalRuntimeTest.tempDir("table-sweep-data"), "--tasks.local.table-sweep-interval=10m");
        URI target = RECEIVER.newUrl();
        UUID id;
        try (ConfigurableApplicationContext first = start(args);
                TasksClient tasks = client(first)) {
            id = tasks.create(ScheduleRequest.after(Duration.ofHours(1)).withTarget(HttpTarget.post(target)))
                    .task()
                    .id();
        }
        // Due a minute ago in the table, with no index entry: the poller and the index sweep, reading the index, never
        // see it, and the startup walk re-arms tasks in progress only.
        Instant dueAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        DYNAMO_DB.updateItem(request -> request.tableName(
                        TaskTable.forStage(stage).name())
                .key(Map.of("id", AttributeValue.fromS(id.toString())))
                .updateExpression("SET #timestamp = :timestamp, #start = :start REMOVE #shard")
                .expressionAttributeNames(
                        Map.of("#timestamp", "timestamp", "#start", "startExecutionAt", "#shard", "dueShard"))
                .expressionAttributeValues(Map.of(
                        ":timestamp", AttributeValue.fromS(Timestamps.format(dueAt)),
                        ":start", AttributeValue.fromN(Long.toString(dueAt.getEpochSecond())))));

        try (ConfigurableApplicationContext second = start(args);
                TasksClient tasks = client(second)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> tasks.get(id).status() == TaskStatus.COMPLETED);
            assertThat(RECEIVER.deliveriesOf(id)).hasSize(1);
        }
    }

    /** What a dynalite stopped between writing an item and its index entry can leave: the item, with no entry. */
    private static void loseIndexEntry(String stage, UUID id) {
        DYNAMO_DB.updateItem(
                request -> request.tableName(TaskTable.forStage(stage).name())
                        .key(Map.of("id", AttributeValue.fromS(id.toString())))
                        .updateExpression("REMOVE #shard")
                        .expressionAttributeNames(Map.of("#shard", "dueShard")));
    }

    /** A runtime of its own stage and data folder on the shared dynalite, polling every second, and {@code more}. */
    private static String[] runtimeArgs(String stage, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.cloud.aws.dynamodb.endpoint="
                        + DynaliteServer.shared().endpoint(),
                "--tasks.stage=" + stage,
                "--tasks.local.sqs-port=0",
                "--tasks.local.poll-interval=1s",
                "--tasks.local.data-dir=" + dataDir));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(LocalRuntimeApplication.class).run(args);
    }

    private static TasksClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return TasksClient.of(URI.create("http://localhost:" + port));
    }
}
