package dev.tasksservice.api.config;

import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.TaskStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The task store on the DynamoDB client that Spring Cloud AWS configures from {@code spring.cloud.aws.*}. */
@Configuration(proxyBeanMethods = false)
public class DynamoDbConfig {

    @Bean
    TaskTable taskTable(TasksProperties properties) {
        return TaskTable.forStage(properties.stage());
    }

    /** Checks the table at startup, so a service that cannot reach DynamoDB fails now with a clear message. */
    @Bean
    TaskStore taskStore(
            DynamoDbClient dynamoDb,
            TaskTable table,
            TasksProperties properties,
            @Value("${spring.cloud.aws.dynamodb.endpoint:the AWS default endpoint}") String endpoint) {
        try {
            if (properties.createTable()) {
                table.createIfMissing(dynamoDb);
            } else {
                dynamoDb.describeTable(request -> request.tableName(table.name()));
            }
        } catch (SdkException e) {
            throw new IllegalStateException(
                    "Cannot use DynamoDB table " + table.name() + " at " + endpoint + ": " + e.getMessage()
                            + ". Start a DynamoDB server there (make run starts dynalite) or set DYNAMODB_ENDPOINT.",
                    e);
        }
        return new DynamoDbTaskStore(dynamoDb, table);
    }
}
