package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.TaskStoreContract;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskStore;
import java.time.Instant;
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
        return new DynamoDbTaskStore(DYNAMO_DB, table);
    }

    @Test
    void theItemKeepsTheSeedSchema() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
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
    void theTableHasTheStatusIndexAndCreatingItAgainIsHarmless() {
        table.createIfMissing(DYNAMO_DB);

        TableDescription description = DYNAMO_DB
                .describeTable(request -> request.tableName(table.name()))
                .table();

        assertThat(description.keySchema())
                .singleElement()
                .satisfies(key -> assertThat(key.attributeName()).isEqualTo("id"));
        assertThat(description.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("statusStartExecAtIndex");
            assertThat(index.keySchema())
                    .extracting(key -> key.attributeName() + ":" + key.keyType())
                    .containsExactly("taskStatus:HASH", "startExecutionAt:RANGE");
            assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
        });
    }
}
