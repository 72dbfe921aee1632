package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class TasksRestApiTest {

    private final Template template = SynthesizedStack.template();

    @Test
    void apiRunsTheSpringApplicationOnJava21WithSnapStart() {
        assertThat(DeployedLambdas.functionProperties(template, DeployedLambdas.apiFunction(template)))
                .containsEntry("Runtime", "java21")
                .containsEntry("Handler", "dev.tasksservice.api.lambda.StreamLambdaHandler::handleRequest")
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", 30)
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void apiIsToldTheStageTheQueueAndTheStateMachineAndDoesNotCreateTheTable() {
        Map<String, String> rendered = new TreeMap<>();
        DeployedLambdas.environment(DeployedLambdas.functionProperties(template, DeployedLambdas.apiFunction(template)))
                .forEach((name, value) -> rendered.put(name, CloudFormationValues.render(value)));

        assertThat(rendered)
                .isEqualTo(Map.of(
                        "SPRING_PROFILES_ACTIVE", "aws",
                        "TASKS_STAGE", "dev",
                        "TASKS_CREATE_TABLE", "false",
                        "TASKS_QUEUE_URL",
                                "<Ref "
                                        + SynthesizedStack.logicalIdWhere(
                                                template, "AWS::SQS::Queue", "QueueName", "tasksQueue-dev")
                                        + ">",
                        "TASKS_STATE_MACHINE_ARN",
                                "<Ref "
                                        + SynthesizedStack.onlyLogicalId(template, "AWS::StepFunctions::StateMachine")
                                        + ">"));
    }

    @Test
    void apiChecksTargetsByTheRulesTheExecutorDeliversBy() {
        Template configured = SynthesizedStack.template(
                "dev",
                new TargetSettings(
                        "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/fallback",
                        "10.0.0.7",
                        "https://sqs.us-east-1.amazonaws.com/123456789012/orders"));
        Map<String, String> rendered = new TreeMap<>();
        DeployedLambdas.environment(
                        DeployedLambdas.functionProperties(configured, DeployedLambdas.apiFunction(configured)))
                .forEach((name, value) -> rendered.put(name, CloudFormationValues.render(value)));

        assertThat(rendered)
                .containsEntry("TASKS_DEFAULT_TARGET", "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/fallback")
                .containsEntry("TASKS_TARGET_ALLOW", "10.0.0.7")
                .containsEntry("TASKS_TARGET_QUEUES", "https://sqs.us-east-1.amazonaws.com/123456789012/orders");
        assertThat(DeployedLambdas.environment(DeployedLambdas.functionProperties(
                        configured, DeployedLambdas.schedulerFunction(configured, "taskExecutor"))))
                .containsEntry("TASKS_TARGET_ALLOW", "10.0.0.7");
    }

    @Test
    void restApiProxiesEveryPathToTheApiAlias() {
        String apiAlias = DeployedLambdas.liveAlias(template, DeployedLambdas.apiFunction(template));

        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("Name", "tasksApi-dev"));
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"));
        template.resourceCountIs("AWS::ApiGateway::Method", 2);
        SynthesizedStack.resources(template, "AWS::ApiGateway::Method").values().forEach(method -> {
            Map<String, Object> properties = SynthesizedStack.properties(method);
            assertThat(properties).containsEntry("HttpMethod", "ANY");
            Map<?, ?> integration = (Map<?, ?>) properties.get("Integration");
            assertThat(integration.get("Type")).isEqualTo("AWS_PROXY");
            assertThat(DeployedLambdas.mentions(integration.get("Uri"), apiAlias))
                    .as("the integration calls the API's alias live")
                    .isTrue();
        });
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("StageName", "dev"));
    }

    @Test
    void stackDoesNotTakeOverTheAccountWideApiGatewayLoggingRole() {
        template.resourceCountIs("AWS::ApiGateway::Account", 0);
    }

    @Test
    void outputApiUrlIsTheStageUrl() {
        Map<String, Map<String, Object>> outputs = template.findOutputs(TasksServiceStack.API_URL_OUTPUT);

        assertThat(outputs).containsOnlyKeys("ApiUrl");
        String restApi = SynthesizedStack.onlyLogicalId(template, "AWS::ApiGateway::RestApi");
        String stage = SynthesizedStack.onlyLogicalId(template, "AWS::ApiGateway::Stage");
        assertThat(CloudFormationValues.render(outputs.get("ApiUrl").get("Value")))
                .isEqualTo("https://<Ref " + restApi + ">.execute-api.us-east-1.amazonaws.com/<Ref " + stage + ">/");
    }
}
