package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class SchedulerFunctionsTest {

    private static final String HANDLER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

    private final Template template = SynthesizedStack.template();

    @Test
    void threeSchedulerFunctionsTheApiItsKeyAuthorizerAndTheMillisecondWaitAreDeployed() {
        // The two Node.js functions have no alias: they have no SnapStart to point one at.
        template.resourceCountIs("AWS::Lambda::Function", 6);
        template.resourceCountIs("AWS::Lambda::Alias", 4);
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("cronPoller", 60), Arguments.of("sqsConsumer", 30), Arguments.of("taskExecutor", 60));
    }

    @ParameterizedTest
    @MethodSource("functions")
    void functionRunsTheSpringCloudFunctionInvokerOnJava21WithSnapStart(String definition, int timeoutSeconds) {
        Map<String, Object> function =
                DeployedLambdas.functionProperties(template, DeployedLambdas.schedulerFunction(template, definition));

        assertThat(function)
                .containsEntry("Runtime", "java21")
                .containsEntry("Handler", HANDLER)
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", timeoutSeconds)
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void pollerIsToldTheStageTheQueueAndTheStateMachineItSweeps() {
        assertThat(renderedEnvironment("cronPoller"))
                .isEqualTo(commonEnvironment(
                        "cronPoller",
                        Map.of(
                                "TASKS_QUEUE_URL", "<Ref " + queue() + ">",
                                "TASKS_STATE_MACHINE_ARN", "<Ref " + stateMachine() + ">")));
    }

    @Test
    void consumerIsToldTheStageAndBothStateMachines() {
        assertThat(renderedEnvironment("sqsConsumer"))
                .isEqualTo(commonEnvironment(
                        "sqsConsumer",
                        Map.of(
                                "TASKS_STATE_MACHINE_ARN", "<Ref " + stateMachine() + ">",
                                "TASKS_EXPRESS_STATE_MACHINE_ARN",
                                        "<Ref " + SynthesizedStack.expressStateMachine(template) + ">")));
    }

    @Test
    void executorIsToldTheStageAndTheSecretItSignsWebhooksWith() {
        assertThat(renderedEnvironment("taskExecutor"))
                .isEqualTo(commonEnvironment(
                        "taskExecutor", Map.of("TASKS_WEBHOOK_SECRET_ARN", "<Ref " + signingSecret() + ">")));
    }

    @Test
    void executorIsToldWhereTasksMayBeDeliveredWhenTheStackSettingsSayIt() {
        Template configured = SynthesizedStack.template(
                "dev",
                new TargetSettings(
                        "https://hooks.example.com/tasks",
                        "10.1.0.0/16,internal.example",
                        "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"));

        assertThat(renderedEnvironment(configured, "taskExecutor"))
                .containsEntry("TASKS_DEFAULT_TARGET", "https://hooks.example.com/tasks")
                .containsEntry("TASKS_TARGET_ALLOW", "10.1.0.0/16,internal.example")
                .containsEntry("TASKS_TARGET_QUEUES", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
    }

    @Test
    void withoutStackSettingsNoTargetRuleIsSetAndTheFunctionsApplyTheStrictest() {
        for (String function : List.of("cronPoller", "sqsConsumer", "taskExecutor")) {
            assertThat(renderedEnvironment(function))
                    .doesNotContainKeys("TASKS_DEFAULT_TARGET", "TASKS_TARGET_ALLOW", "TASKS_TARGET_QUEUES");
        }
    }

    @Test
    void schedulerFunctionsShareOneJarAndTheApiHasItsOwn() {
        Object functionsCode = code(DeployedLambdas.schedulerFunction(template, "cronPoller"));

        assertThat(code(DeployedLambdas.schedulerFunction(template, "sqsConsumer")))
                .isEqualTo(functionsCode);
        assertThat(code(DeployedLambdas.schedulerFunction(template, "taskExecutor")))
                .isEqualTo(functionsCode);
        assertThat(code(DeployedLambdas.apiFunction(template))).isNotEqualTo(functionsCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cronPoller", "sqsConsumer", "taskExecutor"})
    void aliasLivePointsAtAPublishedVersionOfTheCurrentCode(String definition) {
        String function = DeployedLambdas.schedulerFunction(template, definition);
        Map<String, Object> alias =
                SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::Lambda::Alias")
                        .get(DeployedLambdas.liveAlias(template, function)));

        String version = ((List<?>) ((Map<?, ?>) alias.get("FunctionVersion")).get("Fn::GetAtt"))
                .getFirst()
                .toString();
        assertThat(SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::Lambda::Version")
                        .get(version)))
                .containsEntry("FunctionName", Map.of("Ref", function));
    }

    @Test
    void ruleCallsThePollerEveryMinute() {
        String pollerAlias =
                DeployedLambdas.liveAlias(template, DeployedLambdas.schedulerFunction(template, "cronPoller"));

        template.resourceCountIs("AWS::Events::Rule", 1);
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "rate(1 minute)",
                        "State",
                        "ENABLED",
                        "Targets",
                        List.of(Map.of("Arn", Map.of("Ref", pollerAlias), "Id", "Target0"))));
        template.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Action",
                        "lambda:InvokeFunction",
                        "Principal",
                        "events.amazonaws.com",
                        "FunctionName",
                        Map.of("Ref", pollerAlias)));
    }

    @Test
    void consumerTakesBatchesOfTenAndReportsFailedMessagesOneByOne() {
        String consumerAlias =
                DeployedLambdas.liveAlias(template, DeployedLambdas.schedulerFunction(template, "sqsConsumer"));

        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        Map<String, Object> mapping =
                SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::Lambda::EventSourceMapping")
                        .values()
                        .iterator()
                        .next());
        assertThat(mapping)
                .containsEntry("BatchSize", 10)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("EventSourceArn", Map.of("Fn::GetAtt", List.of(queue(), "Arn")));
        assertThat(DeployedLambdas.mentions(mapping.get("FunctionName"), consumerAlias))
                .as("the mapping calls the consumer's alias live")
                .isTrue();
    }

    private Map<String, String> renderedEnvironment(String definition) {
        return renderedEnvironment(template, definition);
    }

    private static Map<String, String> renderedEnvironment(Template template, String definition) {
        Map<String, String> rendered = new TreeMap<>();
        DeployedLambdas.environment(DeployedLambdas.functionProperties(
                        template, DeployedLambdas.schedulerFunction(template, definition)))
                .forEach((name, value) -> rendered.put(name, CloudFormationValues.render(value)));
        return rendered;
    }

    private static Map<String, String> commonEnvironment(String definition, Map<String, String> more) {
        Map<String, String> environment = new TreeMap<>(more);
        environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", definition);
        environment.put("MAIN_CLASS", "dev.tasksservice.functions.SchedulerFunctionsApplication");
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("TASKS_STAGE", "dev");
        environment.put("TASKS_CREATE_TABLE", "false");
        return environment;
    }

    private Object code(String functionLogicalId) {
        return DeployedLambdas.functionProperties(template, functionLogicalId).get("Code");
    }

    private String queue() {
        return SynthesizedStack.logicalIdWhere(template, "AWS::SQS::Queue", "QueueName", "tasksQueue-dev");
    }

    private String signingSecret() {
        return SynthesizedStack.onlyLogicalId(template, "AWS::SecretsManager::Secret");
    }

    private String stateMachine() {
        return SynthesizedStack.standardStateMachine(template);
    }
}
