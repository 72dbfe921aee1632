package dev.tasksservice.aws;

import dev.tasksservice.schema.IndexSchema;
import dev.tasksservice.schema.KeyAttribute;
import dev.tasksservice.schema.TasksTableSchema;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The tasks table as {@link TasksTableSchema} defines it (the stack deploys the same definition): partition key
 * {@code id}, the due index through which the poller finds due tasks and the tenant index through which clients list
 * theirs; with time to live on {@code expiresAt} where the server offers it.
 */
public record TaskTable(String name) {

    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    // The SDK's table waiter polls every 20 s; a local server is ready in milliseconds.
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    public static TaskTable forStage(String stage) {
        return new TaskTable(TasksTableSchema.tableName(stage));
    }

    /** Creates the table and its index unless the table exists, then waits until it is active. */
    public void createIfMissing(DynamoDbClient dynamoDb) {
        if (describe(dynamoDb) == null) {
            try {
                dynamoDb.createTable(request -> request.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(TasksTableSchema.keyAttributes().stream()
                                .map(TaskTable::attribute)
                                .toList())
                        .keySchema(key(TasksTableSchema.PARTITION_KEY.name(), KeyType.HASH))
                        .globalSecondaryIndexes(TasksTableSchema.INDEXES.stream()
                                .map(TaskTable::index)
                                .toList()));
            } catch (ResourceInUseException createdMeanwhile) {
                // Another process created it first: wait for it like for our own.
            }
            awaitActive(dynamoDb);
            enableTimeToLive(dynamoDb);
        }
        awaitActive(dynamoDb);
    }

    /**
     * Lets the server delete expired tasks by {@link TasksTableSchema#TIME_TO_LIVE_ATTRIBUTE}. dynalite knows no time
     * to live; there the local runtime removes them itself.
     */
    private void enableTimeToLive(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.updateTimeToLive(request -> request.tableName(name)
                    .timeToLiveSpecification(ttl -> ttl.attributeName(TasksTableSchema.TIME_TO_LIVE_ATTRIBUTE)
                            .enabled(true)));
        } catch (DynamoDbException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (!"UnknownOperationException".equals(code)) {
                throw e;
            }
        }
    }

    private void awaitActive(DynamoDbClient dynamoDb) {
        Instant deadline = Instant.now().plus(CREATE_TIMEOUT);
        while (true) {
            TableDescription table = describe(dynamoDb);
            if (table != null && table.tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Table " + name + " did not become active within " + CREATE_TIMEOUT);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + name, e);
            }
        }
    }

    private TableDescription describe(DynamoDbClient dynamoDb) {
        try {
            return dynamoDb.describeTable(request -> request.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static AttributeDefinition attribute(KeyAttribute key) {
        ScalarAttributeType type = switch (key.type()) {
            case STRING -> ScalarAttributeType.S;
            case NUMBER -> ScalarAttributeType.N;
        };
        return AttributeDefinition.builder()
                .attributeName(key.name())
                .attributeType(type)
                .build();
    }

    private static GlobalSecondaryIndex index(IndexSchema index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(
                        key(index.partitionKey().name(), KeyType.HASH),
                        key(index.sortKey().name(), KeyType.RANGE))
                .projection(Projection.builder()
                        .projectionType(index.projectsAllAttributes() ? ProjectionType.ALL : ProjectionType.KEYS_ONLY)
                        .build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
