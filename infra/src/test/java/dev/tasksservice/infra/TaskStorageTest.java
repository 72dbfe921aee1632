package dev.tasksservice.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class TaskStorageTest {

    private final Template template = SynthesizedStack.template();

    @Test
    void tableIsKeyedByIdAndBilledPerRequest() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "TableName", "tasksTable-dev",
                        "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                        "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    void statusIndexOrdersTasksByTheSecondTheyAreDue() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "AttributeDefinitions",
                        List.of(
                                Map.of("AttributeName", "id", "AttributeType", "S"),
                                Map.of("AttributeName", "taskStatus", "AttributeType", "S"),
                                Map.of("AttributeName", "startExecutionAt", "AttributeType", "N")),
                        "GlobalSecondaryIndexes",
                        List.of(Map.of(
                                "IndexName", "statusStartExecAtIndex",
                                "KeySchema",
                                        List.of(
                                                Map.of("AttributeName", "taskStatus", "KeyType", "HASH"),
                                                Map.of("AttributeName", "startExecutionAt", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")))));
    }

    @Test
    void tableOfATrialStageGoesWithTheStack() {
        template.hasResource(
                "AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete", "UpdateReplacePolicy", "Delete"));
    }

    @Test
    void productionTableOutlivesTheStackAndCanBeRestored() {
        Template production = SynthesizedStack.template(ResourceNames.PRODUCTION_STAGE);

        production.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "DeletionPolicy",
                        "Retain",
                        "Properties",
                        Map.of(
                                "TableName",
                                "tasksTable-prod",
                                "PointInTimeRecoverySpecification",
                                Map.of("PointInTimeRecoveryEnabled", true))));
    }
}
