package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

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
    void dueAndTenantIndexesAreShardedAndHoldOnlyKeys() {
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "AttributeDefinitions",
                        List.of(
                                Map.of("AttributeName", "id", "AttributeType", "S"),
                                Map.of("AttributeName", "dueShard", "AttributeType", "S"),
                                Map.of("AttributeName", "startExecutionAt", "AttributeType", "N"),
                                Map.of("AttributeName", "tenantShard", "AttributeType", "S"),
                                Map.of("AttributeName", "statusStart", "AttributeType", "N")),
                        "GlobalSecondaryIndexes",
                        List.of(
                                Map.of(
                                        "IndexName", "dueIndex",
                                        "KeySchema",
                                                List.of(
                                                        Map.of("AttributeName", "dueShard", "KeyType", "HASH"),
                                                        Map.of(
                                                                "AttributeName",
                                                                "startExecutionAt",
                                                                "KeyType",
                                                                "RANGE")),
                                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")),
                                Map.of(
                                        "IndexName", "tenantStatusIndex",
                                        "KeySchema",
                                                List.of(
                                                        Map.of("AttributeName", "tenantShard", "KeyType", "HASH"),
                                                        Map.of("AttributeName", "statusStart", "KeyType", "RANGE")),
                                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")))));
    }

    @Test
    void theMoveToTheShardedIndexesAddsOneIndexAStepAndRemovesTheOldOneLast() {
        List<List<String>> steps = new java.util.ArrayList<>();
        for (String step : new String[] {"1", "2", null}) {
            App app = new App();
            if (step != null) {
                app.getNode().setContext(TaskStorage.INDEX_MIGRATION_STEP, step);
            }
            Stack stack = new Stack(app, "TasksStorage-dev");
            new TaskStorage(stack, "Storage", new ResourceNames("dev"));
            Map<String, Map<String, Object>> tables = Template.fromStack(stack).findResources("AWS::DynamoDB::Table");
            Map<?, ?> properties = (Map<?, ?>) tables.values().iterator().next().get("Properties");
            steps.add(((List<?>) properties.get("GlobalSecondaryIndexes"))
                    .stream()
                            .map(index -> (String) ((Map<?, ?>) index).get("IndexName"))
                            .toList());
        }

        assertThat(steps)
                .containsExactly(
                        List.of("statusStartExecAtIndex", "dueIndex"),
                        List.of("statusStartExecAtIndex", "dueIndex", "tenantStatusIndex"),
                        List.of("dueIndex", "tenantStatusIndex"));
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
