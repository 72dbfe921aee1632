package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Each role may do what its code does, on the resources it does it to, and nothing more. */
class LeastPrivilegeTest {

    private final Template template = SynthesizedStack.template();

    private final String table =
            CloudFormationValues.getAtt(SynthesizedStack.onlyLogicalId(template, "AWS::DynamoDB::Table"), "Arn");
    private final String dueIndex = table + "/index/dueIndex";
    private final String tenantIndex = table + "/index/tenantStatusIndex";
    private final String queue = CloudFormationValues.getAtt(
            SynthesizedStack.logicalIdWhere(template, "AWS::SQS::Queue", "QueueName", "tasksQueue-dev"), "Arn");
    private final String stateMachine = CloudFormationValues.ref(SynthesizedStack.standardStateMachine(template));
    private final String expressStateMachine = CloudFormationValues.ref(SynthesizedStack.expressStateMachine(template));

    private final String signingSecret =
            CloudFormationValues.ref(SynthesizedStack.onlyLogicalId(template, "AWS::SecretsManager::Secret"));

    private final Set<String> executions =
            Set.of("arn:aws:states:us-east-1:123456789012:execution:tasksStateMachine-dev:*");

    @Test
    void pollerQueriesTheDueIndexReadsTheTasksSendsToTheQueueAndSweepsStuckTasks() {
        String poller = DeployedLambdas.schedulerFunction(template, "cronPoller");

        assertThat(permissionsOf(poller))
                .isEqualTo(withLogs(
                        poller,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:Query", Set.of(dueIndex),
                                "dynamodb:BatchGetItem", Set.of(table),
                                "sqs:SendMessage", Set.of(queue),
                                // The sweep: a stuck task's execution is looked at, then started anew or the task
                                // marked FAILED.
                                "dynamodb:GetItem", Set.of(table),
                                "dynamodb:UpdateItem", Set.of(table),
                                "states:DescribeExecution", executions,
                                "states:StartExecution", Set.of(stateMachine))));
    }

    @Test
    void consumerReadsAndUpdatesTasksStartsExecutionsAndConsumesTheQueue() {
        String consumer = DeployedLambdas.schedulerFunction(template, "sqsConsumer");

        assertThat(permissionsOf(consumer))
                .isEqualTo(withLogs(
                        consumer,
                        Map.ofEntries(
                                Map.entry("dynamodb:DescribeTable", Set.of(table)),
                                Map.entry("dynamodb:GetItem", Set.of(table)),
                                Map.entry("dynamodb:UpdateItem", Set.of(table)),
                                // The first attempt of a task due within a minute runs in the Express workflow.
                                Map.entry("states:StartExecution", Set.of(stateMachine, expressStateMachine)),
                                // A cancel that wins the race stops the execution; an existing one is looked at.
                                Map.entry("states:StopExecution", executions),
                                Map.entry("states:DescribeExecution", executions),
                                // Added by the SQS event source: the poller of the mapping runs with this role.
                                Map.entry("sqs:ReceiveMessage", Set.of(queue)),
                                Map.entry("sqs:DeleteMessage", Set.of(queue)),
                                Map.entry("sqs:ChangeMessageVisibility", Set.of(queue)),
                                Map.entry("sqs:GetQueueAttributes", Set.of(queue)),
                                Map.entry("sqs:GetQueueUrl", Set.of(queue)))));
    }

    @Test
    void executorReadsAndUpdatesTasksAndReadsTheSigningSecret() {
        String executor = DeployedLambdas.schedulerFunction(template, "taskExecutor");

        assertThat(permissionsOf(executor))
                .isEqualTo(withLogs(
                        executor,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:GetItem", Set.of(table),
                                "dynamodb:UpdateItem", Set.of(table),
                                "secretsmanager:GetSecretValue", Set.of(signingSecret))));
    }

    @Test
    void executorMaySendToTheQueuesTheStackSettingsNameAndToNoOther() {
        Template configured = SynthesizedStack.template(
                "dev",
                new TargetSettings(
                        "sqs:https://sqs.eu-west-1.amazonaws.com/210987654321/fallback.fifo",
                        null,
                        "https://sqs.us-east-1.amazonaws.com/123456789012/orders,"
                                + " https://queue.amazonaws.com/123456789012/legacy"));
        String executor = DeployedLambdas.schedulerFunction(configured, "taskExecutor");

        assertThat(RolePermissions.of(configured, DeployedLambdas.role(configured, executor)))
                .containsEntry(
                        "sqs:SendMessage",
                        Set.of(
                                "arn:aws:sqs:us-east-1:123456789012:orders",
                                "arn:aws:sqs:us-east-1:123456789012:legacy",
                                "arn:aws:sqs:eu-west-1:210987654321:fallback.fifo"));
    }

    @Test
    void aQueueUrlThatNamesNoRegionIsTakenToBeInTheStacksRegion() {
        Template configured = SynthesizedStack.template(
                "dev", new TargetSettings(null, null, "http://localhost:4566/000000000000/local-orders"));
        String executor = DeployedLambdas.schedulerFunction(configured, "taskExecutor");

        assertThat(RolePermissions.of(configured, DeployedLambdas.role(configured, executor)))
                .containsEntry("sqs:SendMessage", Set.of("arn:aws:sqs:us-east-1:000000000000:local-orders"));
    }

    @Test
    void apiWritesReadsAndListsTasksSendsDueOnesAndStopsExecutionsOfThisStateMachineOnly() {
        String api = DeployedLambdas.apiFunction(template);

        assertThat(permissionsOf(api))
                .isEqualTo(withLogs(
                        api,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:PutItem", Set.of(table),
                                "dynamodb:GetItem", Set.of(table),
                                "dynamodb:UpdateItem", Set.of(table),
                                "dynamodb:Query", Set.of(tenantIndex),
                                "dynamodb:BatchGetItem", Set.of(table),
                                "sqs:SendMessage", Set.of(queue),
                                "states:StopExecution", executions)));
    }

    @Test
    void noStatementAllowsEveryActionOfAServiceOrEveryResource() {
        List<Map<?, ?>> statements = RolePermissions.allStatements(template);

        assertThat(statements).isNotEmpty();
        statements.forEach(statement -> {
            assertThat(RolePermissions.strings(statement.get("Action")))
                    .as("actions of %s", statement)
                    .noneMatch(action -> action.contains("*"));
            assertThat(RolePermissions.strings(statement.get("Resource")))
                    .as("resources of %s", statement)
                    .doesNotContain("*");
        });
    }

    @Test
    void rolesHaveNoManagedPoliciesThatReachBeyondTheStack() {
        SynthesizedStack.resources(template, "AWS::IAM::Role")
                .values()
                .forEach(role -> assertThat(SynthesizedStack.properties(role))
                        .doesNotContainKeys("ManagedPolicyArns", "Policies"));
    }

    private Map<String, Set<String>> permissionsOf(String function) {
        return RolePermissions.of(template, DeployedLambdas.role(template, function));
    }

    /** Adds writing to the function's own log group, which every function may do. */
    private Map<String, Set<String>> withLogs(String function, Map<String, Set<String>> permissions) {
        Map<?, ?> loggingConfig = (Map<?, ?>)
                DeployedLambdas.functionProperties(template, function).get("LoggingConfig");
        String logGroup = ((Map<?, ?>) loggingConfig.get("LogGroup")).get("Ref").toString();
        Map<String, Set<String>> all = new TreeMap<>(permissions);
        String logGroupArn = CloudFormationValues.getAtt(logGroup, "Arn");
        all.put("logs:CreateLogStream", Set.of(logGroupArn));
        all.put("logs:PutLogEvents", Set.of(logGroupArn));
        return all;
    }
}
