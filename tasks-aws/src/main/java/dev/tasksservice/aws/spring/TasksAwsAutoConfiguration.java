package dev.tasksservice.aws.spring;

import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.SqsDispatchQueue;
import dev.tasksservice.aws.StepFunctionsWorkflow;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The domain's ports on AWS, for every runnable module: the task store on the DynamoDB client that Spring Cloud AWS
 * configures, and, when their addresses are configured, the dispatch queue on SQS and the workflow on Step Functions.
 * A module that brings its own adapter (the local runtime does) replaces the one here.
 */
@AutoConfiguration(
        afterName = {
            "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
            "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration",
            "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration"
        })
@EnableConfigurationProperties(TasksProperties.class)
@PropertySource("classpath:tasks-aws.properties")
public class TasksAwsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one retry policy, read by every workflow adapter (and by the deployment's state machine). */
    @Bean
    @ConditionalOnMissingBean
    RetryPolicy retryPolicy() {
        return RetryPolicy.DEFAULT;
    }

    /** The DynamoDB client that Spring Cloud AWS builds, with the call timeouts ({@link AwsCallTimeouts}). */
    @Bean
    DynamoDbClientCustomizer dynamoDbCallTimeouts() {
        return builder -> builder.overrideConfiguration(AwsCallTimeouts.applyTo(builder.overrideConfiguration()));
    }

    @Bean
    @ConditionalOnMissingBean
    TaskTable taskTable(TasksProperties properties) {
        return TaskTable.forStage(properties.stage());
    }

    /** Checks the table at startup, so a service that cannot reach DynamoDB fails now with a clear message. */
    @Bean
    @ConditionalOnMissingBean
    TaskStore taskStore(
            DynamoDbClient dynamoDb,
            TaskTable table,
            TasksProperties properties,
            @Value(
                            "${spring.cloud.aws.dynamodb.endpoint:${AWS_ENDPOINT_URL_DYNAMODB:${AWS_ENDPOINT_URL:the AWS endpoint of the region}}}")
                    String endpoint) {
        try {
            if (properties.createTable()) {
                table.createIfMissing(dynamoDb);
            } else {
                dynamoDb.describeTable(request -> request.tableName(table.name()));
            }
        } catch (SdkException e) {
            throw new IllegalStateException(
                    "Cannot use DynamoDB table " + table.name() + " at " + endpoint + ": " + e.getMessage()
                            + ". Locally, make run starts dynalite there, or set DYNAMODB_ENDPOINT; on AWS, check that"
                            + " the stack for TASKS_STAGE is deployed in AWS_REGION.",
                    e);
        }
        return new DynamoDbTaskStore(dynamoDb, table, properties.taskRetention());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${tasks.queue-url:}' != ''")
    SqsClient sqsClient(
            AwsCredentialsProvider credentials,
            AwsRegionProvider region,
            @Value("${spring.cloud.aws.sqs.endpoint:}") String endpoint) {
        return AwsClients.build(SqsClient.builder(), credentials, region, endpoint);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${tasks.queue-url:}' != ''")
    DispatchQueue dispatchQueue(
            SqsClient sqs,
            TasksProperties properties,
            Clock clock,
            @Value("${tasks.dispatch-lead:5s}") Duration dispatchLead) {
        return new SqsDispatchQueue(sqs, properties.queueUrl(), clock, dispatchLead);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${tasks.state-machine-arn:}' != ''")
    SfnClient sfnClient(
            AwsCredentialsProvider credentials,
            AwsRegionProvider region,
            @Value("${spring.cloud.aws.sfn.endpoint:}") String endpoint) {
        return AwsClients.build(SfnClient.builder(), credentials, region, endpoint);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${tasks.state-machine-arn:}' != ''")
    TaskWorkflow taskWorkflow(SfnClient sfn, TasksProperties properties, Clock clock) {
        return new StepFunctionsWorkflow(sfn, properties.stateMachineArn(), properties.expressStateMachineArn(), clock);
    }
}
