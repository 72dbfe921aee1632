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
    private final String statusIndex = table + "/index/statusStartExecAtIndex";
    private final String queue = CloudFormationValues.getAtt(
            SynthesizedStack.logicalIdWhere(template, "AWS::SQS::Queue", "QueueName", "tasksQueue-dev"), "Arn");
    private final String stateMachine =
            CloudFormationValues.ref(SynthesizedStack.onlyLogicalId(template, "AWS::StepFunctions::StateMachine"));

    @Test
    void pollerQueriesTheStatusIndexAndSendsToTheQueue() {
        String poller = DeployedLambdas.schedulerFunction(template, "cronPoller");

        assertThat(permissionsOf(poller))
                .isEqualTo(withLogs(
                        poller,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:Query", Set.of(statusIndex),
                                "sqs:SendMessage", Set.of(queue))));
    }

    @Test
    void consumerReadsAndUpdatesTasksStartsExecutionsAndConsumesTheQueue() {
        String consumer = DeployedLambdas.schedulerFunction(template, "sqsConsumer");

        assertThat(permissionsOf(consumer))
                .isEqualTo(withLogs(
                        consumer,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:GetItem", Set.of(table),
                                "dynamodb:UpdateItem", Set.of(table),
                                "states:StartExecution", Set.of(stateMachine),
                                // Added by the SQS event source: the poller of the mapping runs with this role.
                                "sqs:ReceiveMessage", Set.of(queue),
                                "sqs:DeleteMessage", Set.of(queue),
                                "sqs:ChangeMessageVisibility", Set.of(queue),
                                "sqs:GetQueueAttributes", Set.of(queue),
                                "sqs:GetQueueUrl", Set.of(queue))));
    }

    @Test
    void executorReadsAndUpdatesTasks() {
        String executor = DeployedLambdas.schedulerFunction(template, "taskExecutor");

        assertThat(permissionsOf(executor))
                .isEqualTo(withLogs(
                        executor,
                        Map.of(
                                "dynamodb:DescribeTable", Set.of(table),
                                "dynamodb:GetItem", Set.of(table),
                                "dynamodb:UpdateItem", Set.of(table))));
    }

    @Test
    void apiWritesReadsAndListsTasksSendsDueOnesAndStopsExecutionsOfThisStateMachineOnly() {
        String api = DeployedLambdas.apiFunction(template);

        assertThat(permissionsOf(api))
                .isEqualTo(
                        withLogs(
                                api,
                                Map.of(
                                        "dynamodb:DescribeTable", Set.of(table),
                                        "dynamodb:PutItem", Set.of(table),
                                        "dynamodb:GetItem", Set.of(table),
                                        "dynamodb:UpdateItem", Set.of(table),
                                        "dynamodb:Query", Set.of(statusIndex),
                                        "sqs:SendMessage", Set.of(queue),
                                        "states:StopExecution",
                                                Set.of(
                                                        "arn:aws:states:us-east-1:123456789012:execution:tasksStateMachine-dev:*"))));
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
