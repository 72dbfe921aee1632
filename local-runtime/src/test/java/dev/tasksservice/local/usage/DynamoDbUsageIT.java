package dev.tasksservice.local.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.schema.TasksTableSchema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The task store on dynalite, through a client counting what DynamoDB would bill for each of its writes and reads. */
class DynamoDbUsageIT {

    private final AwsUsage usage = new AwsUsage();
    private final DynamoDbClient client = DynamoDbClient.builder()
            .endpointOverride(DynaliteServer.shared().endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(configuration ->
                    configuration.addExecutionInterceptor(new DynamoDbUsage(usage, TasksTableSchema.INDEXES)))
            .build();
    private final DynamoDbTaskStore store;

    DynamoDbUsageIT() {
        TaskTable table = TaskTable.forStage("usage-" + UUID.randomUUID());
        table.createIfMissing(client);
        store = new DynamoDbTaskStore(client, table);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aTaskCreatedStartedAndClaimedCostsTheTableAndIndexWritesDynamoDbBillsForThem() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Task task = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, now.plusSeconds(60), now.getEpochSecond(), now, null, null);
        Map<String, Long> before = usage.snapshot();

        store.create(task);
        store.move(StatusChange.started(task.id(), task.version(), now));
        store.claimAttempt(task.id(), 1, task.version(), now);
        store.find(task.id());

        Map<String, Long> spent = since(before);
        assertThat(spent).containsEntry(AwsUsage.dynamoDbRequests("PutItem"), 1L);
        assertThat(spent).containsEntry(AwsUsage.dynamoDbRequests("UpdateItem"), 2L);
        assertThat(spent).containsEntry(AwsUsage.dynamoDbRequests("GetItem"), 1L);
        // Each write of a small item is one unit in the table.
        assertThat(spent).containsEntry(AwsUsage.DYNAMODB_WRITE_UNITS, 3L);
        // The due and tenant indexes hold keys only: the new item enters both (2), its status moves it in both (4),
        // the claim changes no key (0).
        assertThat(spent).containsEntry(AwsUsage.DYNAMODB_INDEX_WRITE_UNITS, 6L);
        assertThat(spent.get(AwsUsage.DYNAMODB_READ_MILLIUNITS)).isBetween(500L, 1000L);
    }

    private Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> spent = new HashMap<>();
        usage.snapshot().forEach((name, count) -> {
            long delta = count - before.getOrDefault(name, 0L);
            if (delta != 0) {
                spent.put(name, delta);
            }
        });
        return spent;
    }
}
