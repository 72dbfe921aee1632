package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/** The resource each kind of request names, as the recorder reads it off the SDK's request objects. */
class AwsCallRecorderTest {

    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("1"));

    @Test
    void aTableOrAnIndexOfIt() {
        assertThat(AwsCallRecorder.resources(
                        GetItemRequest.builder().tableName("tasks").key(KEY).build()))
                .containsExactly("tasks");
        assertThat(AwsCallRecorder.resources(QueryRequest.builder()
                        .tableName("tasks")
                        .indexName("byStatus")
                        .build()))
                .containsExactly("tasks/index/byStatus");
    }

    @Test
    void everyTableOfABatchOrATransaction() {
        WriteRequest delete = WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(KEY).build())
                .build();
        assertThat(AwsCallRecorder.resources(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("tasks", List.of(delete), "audit", List.of(delete)))
                        .build()))
                .containsExactlyInAnyOrder("tasks", "audit");
        assertThat(AwsCallRecorder.resources(TransactWriteItemsRequest.builder()
                        .transactItems(
                                TransactWriteItem.builder()
                                        .put(Put.builder()
                                                .tableName("tasks")
                                                .item(KEY)
                                                .build())
                                        .build(),
                                TransactWriteItem.builder()
                                        .conditionCheck(ConditionCheck.builder()
                                                .tableName("locks")
                                                .key(KEY)
                                                .conditionExpression("attribute_exists(id)")
                                                .build())
                                        .build())
                        .build()))
                .containsExactly("tasks", "locks");
    }

    @Test
    void aQueueByItsUrl() {
        assertThat(AwsCallRecorder.resources(SendMessageBatchRequest.builder()
                        .queueUrl("http://localhost:9324/000000000000/tasksQueue-dev")
                        .build()))
                .containsExactly("http://localhost:9324/000000000000/tasksQueue-dev");
    }

    @Test
    void aStateMachineOrAnExecutionByItsArn() {
        String stateMachine = "arn:aws:states:us-east-1:000000000000:stateMachine:tasks";
        String execution = "arn:aws:states:us-east-1:000000000000:execution:tasks:run";
        assertThat(AwsCallRecorder.resources(StartExecutionRequest.builder()
                        .stateMachineArn(stateMachine)
                        .name("run")
                        .build()))
                .containsExactly(stateMachine);
        assertThat(AwsCallRecorder.resources(DescribeExecutionRequest.builder()
                        .executionArn(execution)
                        .build()))
                .containsExactly(execution);
    }

    @Test
    void aSecretByTheIdItIsReadWith() {
        String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tasksWebhookSecret-dev-AbCdEf";
        assertThat(AwsCallRecorder.resources(
                        GetSecretValueRequest.builder().secretId(secret).build()))
                .containsExactly(secret);
        assertThat(RolePolicy.actionOf(new AwsCall("Secrets Manager", "GetSecretValue", secret)))
                .isEqualTo("secretsmanager:GetSecretValue");
    }

    @Test
    void anyResourceWhenTheRequestNamesNone() {
        assertThat(AwsCallRecorder.resources(ListTablesRequest.builder().build()))
                .containsExactly(AwsCall.ANY_RESOURCE);
    }
}
