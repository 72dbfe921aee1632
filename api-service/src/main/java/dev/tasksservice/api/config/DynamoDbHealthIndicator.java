package dev.tasksservice.api.config;

import dev.tasksservice.aws.TaskTable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Reports DynamoDB as up when the tasks table answers and is active. Shown under {@code dynamoDb} in /actuator/health. */
@Component("dynamoDb")
class DynamoDbHealthIndicator implements HealthIndicator {

    private final DynamoDbClient dynamoDb;
    private final TaskTable table;

    DynamoDbHealthIndicator(DynamoDbClient dynamoDb, TaskTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Health health() {
        try {
            TableDescription description = dynamoDb.describeTable(request -> request.tableName(table.name()))
                    .table();
            Health.Builder health = "ACTIVE".equals(description.tableStatusAsString()) ? Health.up() : Health.down();
            return health.withDetail("table", table.name())
                    .withDetail("status", description.tableStatusAsString())
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("table", table.name())
                    .withDetail("error", e.getMessage())
                    .build();
        }
    }
}
