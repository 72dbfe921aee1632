package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.TaskStoreContract;
import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The store contract against the DynamoDB API served by dynalite, one fresh table per test. */
class DynamoDbTaskStoreIT extends TaskStoreContract {

    private static final DynamoDbClient DYNAMO_DB = DynaliteServer.shared().client();

    private TaskTable table;

    @Override
    protected TaskStore newEmptyStore() {
        table = new TaskTable("tasksTable-it-" + UUID.randomUUID());
        table.createIfMissing(DYNAMO_DB);
        return new DynamoDbTaskStore(DYNAMO_DB, table, RETENTION);
    }

    @Test
    void aFinishedTaskCarriesItsExpiryForTheTimeToLiveAndAWaitingOneNone() {
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table, RETENTION);
        Task waiting = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(300), NOW.getEpochSecond(), NOW, null, null);
        Task cancelled = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(300), NOW.getEpochSecond(), NOW, null, null);
        store.create(waiting);
        store.create(cancelled);
        Instant at = NOW.plusMillis(1500);
        store.move(new dev.tasksservice.domain.model.StatusChange(
                cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, at));

        assertThat(item(waiting.id())).doesNotContainKey("expiresAt");
        assertThat(item(cancelled.id()).get("expiresAt").n())
                .as("the end of the retention, rounded up to the second")
                .isEqualTo(Long.toString(NOW.plus(RETENTION.period()).getEpochSecond() + 2));
        assertThat(DYNAMO_DB
                        .describeTable(request -> request.tableName(table.name()))
                        .table()
                        .tableStatusAsString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void theItemKeepsTheSeedSchema() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                Instant.parse("2030-01-01T00:05:00Z"),
                Instant.parse("2030-01-01T00:03:00Z").getEpochSecond(),
                NOW,
                null,
                null);
        new DynamoDbTaskStore(DYNAMO_DB, table).create(task);

        Map<String, AttributeValue> item = DYNAMO_DB
                .getItem(request -> request.tableName(table.name())
                        .key(Map.of("id", AttributeValue.fromS(task.id().toString()))))
                .item();

        assertThat(item.get("timestamp").s()).isEqualTo("2030-01-01T00:05:00.000Z");
        assertThat(item.get("startExecutionAt").n()).isEqualTo(Long.toString(task.startExecutionAt()));
        assertThat(item.get("taskStatus").s()).isEqualTo("SCHEDULED");
        assertThat(item.get("lastUpdatedAt").s()).isEqualTo("2030-01-01T00:00:00.000Z");
    }

    @Test
    void targetRetryHistoryAndVersionAreMapsAListAndNumbersBesideTheSeedSchema() {
        Instant started = Instant.parse("2030-01-01T00:05:00.250Z");
        Task task = new Task(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                Instant.parse("2030-01-01T00:05:00Z"),
                Instant.parse("2030-01-01T00:03:00Z").getEpochSecond(),
                TaskStatus.IN_PROGRESS,
                NOW,
                NOW,
                null,
                null,
                null,
                1,
                "HTTP 503",
                new HttpTarget(
                        URI.create("https://hooks.example.com/due"),
                        "PUT",
                        Map.of("X-Order", "42"),
                        Duration.ofMillis(2500)),
                new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30)),
                List.of(new Attempt(
                        1,
                        started,
                        Duration.ofMillis(120),
                        AttemptOutcome.FAILED,
                        503,
                        "HTTP 503",
                        started.plusSeconds(2))),
                started.plusSeconds(2),
                2);
        new DynamoDbTaskStore(DYNAMO_DB, table).create(task);

        Map<String, AttributeValue> item = item(task.id());

        assertThat(item.get("target").m())
                .containsOnlyKeys("type", "url", "method", "headers", "timeoutMs")
                .containsEntry("type", AttributeValue.fromS("http"))
                .containsEntry("url", AttributeValue.fromS("https://hooks.example.com/due"))
                .containsEntry("method", AttributeValue.fromS("PUT"))
                .containsEntry("headers", AttributeValue.fromM(Map.of("X-Order", AttributeValue.fromS("42"))))
                .containsEntry("timeoutMs", AttributeValue.fromN("2500"));
        assertThat(item.get("retry").m())
                .isEqualTo(Map.of(
                        "maxAttempts", AttributeValue.fromN("4"),
                        "initialBackoffMs", AttributeValue.fromN("500"),
                        "maxBackoffMs", AttributeValue.fromN("30000")));
        assertThat(item.get("history").l())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.m())
                        .isEqualTo(Map.of(
                                "number", AttributeValue.fromN("1"),
                                "startedAt", AttributeValue.fromS("2030-01-01T00:05:00.250Z"),
                                "durationMs", AttributeValue.fromN("120"),
                                "outcome", AttributeValue.fromS("FAILED"),
                                "httpStatus", AttributeValue.fromN("503"),
                                "error", AttributeValue.fromS("HTTP 503"),
                                "nextAttemptAt", AttributeValue.fromS("2030-01-01T00:05:02.250Z"))));
        assertThat(item.get("nextAttemptAt").s()).isEqualTo("2030-01-01T00:05:02.250Z");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("attempts").n()).isEqualTo("1");
    }

    @Test
    void aQueueTargetIsAMapOfTypeAndQueueUrl() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plusSeconds(60),
                NOW.getEpochSecond(),
                NOW,
                null,
                null,
                new QueueTarget("https://sqs.us-east-1.amazonaws.com/123456789012/due"),
                RetryPolicy.DEFAULT);
        new DynamoDbTaskStore(DYNAMO_DB, table).create(task);

        assertThat(item(task.id()).get("target").m())
                .isEqualTo(Map.of(
                        "type", AttributeValue.fromS("sqs"),
                        "queueUrl", AttributeValue.fromS("https://sqs.us-east-1.amazonaws.com/123456789012/due")));
    }

    @Test
    void anItemWrittenBeforeVersionsRetryAndHistoryReadsAsVersionZeroWithTheDefaults() {
        UUID id = UUID.randomUUID();
        // An item as the seed wrote it: no target, retry, history, nextAttemptAt or version.
        DYNAMO_DB.putItem(request -> request.tableName(table.name())
                .item(Map.of(
                        "id", AttributeValue.fromS(id.toString()),
                        "timestamp", AttributeValue.fromS("2030-01-01T00:05:00.000Z"),
                        "startExecutionAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())),
                        "taskStatus", AttributeValue.fromS("SCHEDULED"),
                        "lastUpdatedAt", AttributeValue.fromS("2030-01-01T00:00:00.000Z"),
                        "createdAt", AttributeValue.fromS("2030-01-01T00:00:00.000Z"),
                        "attempts", AttributeValue.fromN("0"),
                        "payload", AttributeValue.fromS("{\"a\":1}"))));
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);

        Task found = store.find(id).orElseThrow();

        assertThat(found.version()).isZero();
        assertThat(found.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(found.history()).isEmpty();
        assertThat(found.target()).isNull();
        assertThat(found.nextAttemptAt()).isNull();
        assertThat(found.payload()).isEqualTo("{\"a\":1}");
    }

    @Test
    void anItemWithoutVersionIsClaimedAndRescheduledAsVersionZero() {
        UUID claimedId = UUID.randomUUID();
        UUID changedId = UUID.randomUUID();
        putSeedItem(claimedId, "IN_PROGRESS");
        putSeedItem(changedId, "SCHEDULED");
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);

        assertThatThrownBy(() -> store.claimAttempt(claimedId, 1, 1, NOW))
                .isInstanceOf(TaskStatusConflictException.class);
        Task claimed = store.claimAttempt(claimedId, 1, 0, NOW);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(item(claimedId)).doesNotContainKey("version");

        Instant due = NOW.plusSeconds(600);
        Task changed = store.reschedule(
                new Reschedule(changedId, 0, due, due.getEpochSecond() - 120, null, null, RetryPolicy.DEFAULT, NOW));
        assertThat(changed.version()).isEqualTo(1);
        assertThat(item(changedId).get("version").n()).isEqualTo("1");
        assertThat(item(changedId).get("retry").m()).containsKeys("maxAttempts", "initialBackoffMs", "maxBackoffMs");
    }

    @Test
    void theTenantIsAStringAttribute() {
        Task task = Task.scheduled(
                UUID.randomUUID(), new TenantId("acme"), NOW.plusSeconds(600), NOW.getEpochSecond(), NOW, null, null);
        new DynamoDbTaskStore(DYNAMO_DB, table).create(task);

        assertThat(item(task.id()).get("tenant").s()).isEqualTo("acme");
    }

    @Test
    void anItemWrittenBeforeTenantsBelongsToTheDefaultTenant() {
        UUID old = UUID.randomUUID();
        putSeedItem(old, "SCHEDULED");
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);
        Task acme = Task.scheduled(
                UUID.randomUUID(), new TenantId("acme"), NOW.plusSeconds(600), NOW.getEpochSecond(), NOW, null, null);
        store.create(acme);

        assertThat(store.find(old).orElseThrow().tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(store.find(TenantId.DEFAULT, old)).isPresent();
        assertThat(store.find(new TenantId("acme"), old)).isEmpty();
        new IndexBackfill(DYNAMO_DB, table).run();
        assertThat(walk(TenantId.DEFAULT, 10)).containsExactly(old);
        assertThat(walk(new TenantId("acme"), 10)).containsExactly(acme.id());
        // Changed, it keeps no tenant attribute and stays the default tenant's.
        Task changed = store.reschedule(new Reschedule(
                old, 0, NOW.plusSeconds(900), NOW.getEpochSecond(), null, null, RetryPolicy.DEFAULT, NOW));
        assertThat(changed.tenant()).isEqualTo(TenantId.DEFAULT);
    }

    @Test
    void walksAcrossShardsTakeTasksDueInTheSameSecondEachOnce() {
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);
        java.util.Set<UUID> created = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            Task task = Task.scheduled(
                    UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(60), NOW.getEpochSecond(), NOW, null, null);
            store.create(task);
            created.add(task.id());
        }

        for (int limit : new int[] {2, 5}) {
            List<UUID> due = new java.util.ArrayList<>();
            List<UUID> listed = new java.util.ArrayList<>();
            String dueCursor = null;
            String listCursor = null;
            do {
                var page = store.findDue(NOW, limit, dueCursor);
                page.items().forEach(task -> due.add(task.id()));
                dueCursor = page.nextCursor();
            } while (dueCursor != null && due.size() <= created.size());
            do {
                var page = store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, limit, listCursor);
                page.items().forEach(task -> listed.add(task.id()));
                listCursor = page.nextCursor();
            } while (listCursor != null && listed.size() <= created.size());

            assertThat(due)
                    .as("due, pages of %d", limit)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(created);
            assertThat(listed)
                    .as("listed, pages of %d", limit)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void aDueCursorDoesNotContinueAListingNorAnotherStatus() {
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);
        for (int i = 0; i < 3; i++) {
            store.create(Task.scheduled(
                    UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(60), NOW.getEpochSecond(), NOW, null, null));
        }
        String dueCursor = store.findDue(NOW, 1, null).nextCursor();

        assertThat(dueCursor).isNotNull();
        assertThatThrownBy(() -> store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 1, dueCursor))
                .isInstanceOf(dev.tasksservice.domain.model.InvalidCursorException.class);
        assertThatThrownBy(() -> store.findDue(TaskStatus.IN_PROGRESS, NOW, 1, dueCursor))
                .isInstanceOf(dev.tasksservice.domain.model.InvalidCursorException.class);
    }

    @Test
    void theBackfillGivesItemsWrittenBeforeTheShardedIndexesTheirKeysAndLeavesTheRestAlone() {
        UUID waiting = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        putSeedItem(waiting, "SCHEDULED");
        putSeedItem(running, "IN_PROGRESS");
        putSeedItem(done, "COMPLETED");
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);
        Task current = Task.scheduled(
                UUID.randomUUID(), new TenantId("acme"), NOW.plusSeconds(600), NOW.getEpochSecond(), NOW, null, null);
        store.create(current);
        Map<String, AttributeValue> before = item(current.id());
        assertThat(store.findDue(NOW, 10, null).items()).extracting(Task::id).containsExactly(current.id());

        IndexBackfill.Report report = new IndexBackfill(DYNAMO_DB, table).run();

        assertThat(report.updated()).isEqualTo(3);
        assertThat(report.skipped()).isZero();
        assertThat(item(current.id())).isEqualTo(before);
        assertThat(store.findDue(NOW, 10, null).items())
                .extracting(Task::id)
                .containsExactlyInAnyOrder(waiting, current.id());
        assertThat(store.findDue(TaskStatus.IN_PROGRESS, NOW, 10, null).items())
                .extracting(Task::id)
                .containsExactly(running);
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.COMPLETED, 10, null)
                        .items())
                .extracting(Task::id)
                .containsExactly(done);
        assertThat(item(done)).doesNotContainKey("dueShard");
        assertThat(new IndexBackfill(DYNAMO_DB, table).run().updated())
                .as("a second run")
                .isZero();
    }

    private void putSeedItem(UUID id, String status) {
        DYNAMO_DB.putItem(request -> request.tableName(table.name())
                .item(Map.of(
                        "id", AttributeValue.fromS(id.toString()),
                        "timestamp", AttributeValue.fromS("2030-01-01T00:05:00.000Z"),
                        "startExecutionAt", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())),
                        "taskStatus", AttributeValue.fromS(status),
                        "lastUpdatedAt", AttributeValue.fromS("2030-01-01T00:00:00.000Z"),
                        "createdAt", AttributeValue.fromS("2030-01-01T00:00:00.000Z"),
                        "attempts", AttributeValue.fromN("0"))));
    }

    private Map<String, AttributeValue> item(UUID id) {
        return DYNAMO_DB
                .getItem(request -> request.tableName(table.name())
                        .key(Map.of("id", AttributeValue.fromS(id.toString())))
                        .consistentRead(true))
                .item();
    }

    @Test
    void theTableHasTheShardedKeysOnlyIndexesAndCreatingItAgainIsHarmless() {
        table.createIfMissing(DYNAMO_DB);

        TableDescription description = DYNAMO_DB
                .describeTable(request -> request.tableName(table.name()))
                .table();

        assertThat(description.keySchema())
                .singleElement()
                .satisfies(key -> assertThat(key.attributeName()).isEqualTo("id"));
        assertThat(description.globalSecondaryIndexes())
                .extracting(index -> index.indexName() + " "
                        + index.keySchema().stream()
                                .map(key -> key.attributeName() + ":" + key.keyType())
                                .toList() + " "
                        + index.projection().projectionTypeAsString())
                .containsExactlyInAnyOrder(
                        "dueIndex [dueShard:HASH, startExecutionAt:RANGE] KEYS_ONLY",
                        "tenantStatusIndex [tenantShard:HASH, statusStart:RANGE] KEYS_ONLY");
    }
}
