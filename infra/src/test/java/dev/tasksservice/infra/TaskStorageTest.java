package dev.tasksservice.infra;

import dev.tasksservice.schema.TasksTableSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
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
    void finishedTasksExpireByTheirExpiryAttribute() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void everyStageButLocalIsProtectedFromDeletionAndCanBeRestored() {
        for (String stage : List.of("dev", ResourceNames.PRODUCTION_STAGE)) {
            SynthesizedStack.template(stage)
                    .hasResourceProperties(
                            "AWS::DynamoDB::Table",
                            Map.of(
                                    "DeletionProtectionEnabled",
                                    true,
                                    "PointInTimeRecoverySpecification",
                                    Map.of("PointInTimeRecoveryEnabled", true)));
        }
        // The table alone: a whole stack takes seconds to synthesize.
        Stack local = new Stack(new App(), "TasksStorage-local");
        new TaskStorage(local, "Storage", new ResourceNames(TasksTableSchema.THROWAWAY_STAGE));
        Template.fromStack(local)
                .hasResourceProperties(
                        "AWS::DynamoDB::Table",
                        Map.of(
                                "DeletionProtectionEnabled",
                                false,
                                "PointInTimeRecoverySpecification",
                                Map.of("PointInTimeRecoveryEnabled", false)));
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
