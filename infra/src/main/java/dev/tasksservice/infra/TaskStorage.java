package dev.tasksservice.infra;

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

/**
 * The tasks table (the seed's schema) and its index of tasks by status and due second, through which the poller
 * finds due tasks and clients list tasks.
 */
public class TaskStorage extends Construct {

    public static final String STATUS_INDEX = "statusStartExecAtIndex";

    /**
     * Every user of the table needs it: the runtime describes the table at startup and stops at once, naming it, if
     * it cannot.
     */
    public static final String STARTUP_CHECK = "dynamodb:DescribeTable";

    private final Table table;

    public TaskStorage(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(names.table())
                .partitionKey(attribute("id", AttributeType.STRING))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(names.isProduction())
                        .build())
                // Other stages are for trying things out: deleting the stack should leave nothing behind.
                // Production keeps its tasks even if the stack goes.
                .removalPolicy(names.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(STATUS_INDEX)
                .partitionKey(attribute("taskStatus", AttributeType.STRING))
                .sortKey(attribute("startExecutionAt", AttributeType.NUMBER))
                .projectionType(ProjectionType.ALL)
                .build());
    }

    /** Lets {@code grantee} call {@code actions} (such as {@code dynamodb:GetItem}) on the table itself. */
    public void grantOnTable(IGrantable grantee, String... actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(List.of(table.getTableArn()))
                        .build());
    }

    /** Lets {@code grantee} call {@code actions} (such as {@code dynamodb:Query}) on the status index only. */
    public void grantOnStatusIndex(IGrantable grantee, String... actions) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of(actions))
                        .resources(List.of(table.getTableArn() + "/index/" + STATUS_INDEX))
                        .build());
    }

    private static Attribute attribute(String name, AttributeType type) {
        return Attribute.builder().name(name).type(type).build();
    }
}
