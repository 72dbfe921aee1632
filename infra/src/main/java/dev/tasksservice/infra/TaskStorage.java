package dev.tasksservice.infra;

import dev.tasksservice.schema.IndexSchema;
import dev.tasksservice.schema.KeyAttribute;
import dev.tasksservice.schema.TasksTableSchema;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.Node;

/**
 * The tasks table (the seed's schema) and its two sharded, keys-only indexes ({@link TasksTableSchema}): the due
 * index, through which the poller finds due tasks and the sweep stuck ones, and the tenant index, through which
 * clients list their tasks. Finished tasks expire by the table's time to live.
 */
public class TaskStorage extends Construct {

    /**
     * Every user of the table needs it: the runtime describes the table at startup and stops at once, naming it, if
     * it cannot.
     */
    public static final String STARTUP_CHECK = "dynamodb:DescribeTable";

    /** The CDK context naming a step of the move to the sharded indexes ({@link TasksTableSchema#indexesAtMigrationStep}). */
    public static final String INDEX_MIGRATION_STEP = "indexMigration";

    private final Table table;

    public TaskStorage(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(names.table())
                .partitionKey(attribute(TasksTableSchema.PARTITION_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                // Finished tasks expire after TASKS_RETENTION: DynamoDB deletes them by the expiry the store sets.
                .timeToLiveAttribute(TasksTableSchema.TIME_TO_LIVE_ATTRIBUTE)
                // Only the throwaway local stage may lose its tasks by a slip or a bad write.
                .deletionProtection(TasksTableSchema.protectsData(names.stage()))
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(TasksTableSchema.protectsData(names.stage()))
                        .build())
                // Other stages are for trying things out: deleting the stack should leave nothing behind.
                // Production keeps its tasks even if the stack goes.
                .removalPolicy(names.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Object step = Node.of(this).tryGetContext(INDEX_MIGRATION_STEP);
        for (IndexSchema index : TasksTableSchema.indexesAtMigrationStep(step == null ? null : step.toString())) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(attribute(index.partitionKey()))
                    .sortKey(attribute(index.sortKey()))
                    .projectionType(index.projectsAllAttributes() ? ProjectionType.ALL : ProjectionType.KEYS_ONLY)
                    .build());
        }
    }

    /** Lets {@code grantee} call {@code actions} (such as {@code dynamodb:GetItem}) on the table itself. */
    public void grantOnTable(IGrantable grantee, String... actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(List.of(table.getTableArn()))
                        .build());
    }

    /** Lets {@code grantee} call {@code actions} (such as {@code dynamodb:Query}) on {@code index} only. */
    public void grantOnIndex(IGrantable grantee, IndexSchema index, String... actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(List.of(table.getTableArn() + "/index/" + index.name()))
                        .build());
    }

    private static Attribute attribute(KeyAttribute key) {
        AttributeType type = switch (key.type()) {
            case STRING -> AttributeType.STRING;
            case NUMBER -> AttributeType.NUMBER;
        };
        return Attribute.builder().name(key.name()).type(type).build();
    }
}
