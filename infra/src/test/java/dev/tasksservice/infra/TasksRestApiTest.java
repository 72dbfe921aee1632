package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
                        "TASKS_STATE_MACHINE_ARN", "<Ref " + SynthesizedStack.standardStateMachine(template) + ">"));
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
    void everyMethodRequiresAnApiKeyThatTheAuthorizerTakesFromEitherHeader() {
        String authorizer = SynthesizedStack.onlyLogicalId(template, "AWS::ApiGateway::Authorizer");

        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("ApiKeySourceType", "AUTHORIZER"));
        Map<String, Map<String, Object>> methods = SynthesizedStack.resources(template, "AWS::ApiGateway::Method");
        assertThat(methods).isNotEmpty();
        methods.values()
                .forEach(method -> assertThat(SynthesizedStack.properties(method))
                        .as("every method, OPTIONS included: the API answers no preflight")
                        .containsEntry("ApiKeyRequired", true)
                        .containsEntry("AuthorizationType", "CUSTOM")
                        .containsEntry("AuthorizerId", Map.of("Ref", authorizer)));
    }

    @Test
    void withoutClientsTheStageHasOneDefaultClientSoAFreshDeploymentCanBeCalled() {
        template.resourceCountIs("AWS::ApiGateway::ApiKey", 1);
        template.hasResourceProperties("AWS::ApiGateway::ApiKey", Map.of("Name", "default-dev", "Enabled", true));
        template.hasResourceProperties(
                "AWS::ApiGateway::UsagePlan",
                Map.of(
                        "UsagePlanName", "tasksPlan-default-dev",
                        "Throttle", Map.of("RateLimit", 10, "BurstLimit", 20),
                        "Quota", Map.of("Limit", 10000, "Period", "DAY")));
    }

    @Test
    void eachClientHasAKeyAndAUsagePlanWithItsLimitsOnThisStage() {
        Template configured = SynthesizedStack.template(
                "dev", ApiClients.parse("acme:rate=50:burst=100:quota=250000, beta-eu:quota=500"));
        String restApi = SynthesizedStack.onlyLogicalId(configured, "AWS::ApiGateway::RestApi");
        String stage = SynthesizedStack.onlyLogicalId(configured, "AWS::ApiGateway::Stage");

        configured.resourceCountIs("AWS::ApiGateway::ApiKey", 2);
        configured.resourceCountIs("AWS::ApiGateway::UsagePlan", 2);
        configured.resourceCountIs("AWS::ApiGateway::UsagePlanKey", 2);
        Map<String, Object> acme = plan(configured, "tasksPlan-acme-dev");
        assertThat(acme)
                .containsEntry("Throttle", Map.of("RateLimit", 50, "BurstLimit", 100))
                .containsEntry("Quota", Map.of("Limit", 250000, "Period", "DAY"));
        assertThat((List<?>) acme.get("ApiStages")).hasSize(1);
        Map<?, ?> apiStage = (Map<?, ?>) ((List<?>) acme.get("ApiStages")).getFirst();
        assertThat(apiStage.get("ApiId")).isEqualTo(Map.of("Ref", restApi));
        assertThat(apiStage.get("Stage")).isEqualTo(Map.of("Ref", stage));
        assertThat(plan(configured, "tasksPlan-beta-eu-dev"))
                .containsEntry("Throttle", Map.of("RateLimit", 10, "BurstLimit", 20))
                .containsEntry("Quota", Map.of("Limit", 500, "Period", "DAY"));
        for (String client : List.of("acme", "beta-eu")) {
            String key =
                    SynthesizedStack.logicalIdWhere(configured, "AWS::ApiGateway::ApiKey", "Name", client + "-dev");
            String plan = SynthesizedStack.logicalIdWhere(
                    configured, "AWS::ApiGateway::UsagePlan", "UsagePlanName", "tasksPlan-" + client + "-dev");
            configured.hasResourceProperties(
                    "AWS::ApiGateway::UsagePlanKey",
                    Map.of("KeyId", Map.of("Ref", key), "UsagePlanId", Map.of("Ref", plan), "KeyType", "API_KEY"));
            assertThat(SynthesizedStack.properties(SynthesizedStack.resources(configured, "AWS::ApiGateway::ApiKey")
                            .get(key)))
                    .as("the key's value is generated at deployment, never in the template")
                    .doesNotContainKey("Value");
        }
    }

    @Test
    void outputsNameEachClientsKeyIdAndHowToReadItsValueNeverTheValue() {
        Template configured = SynthesizedStack.template("dev", ApiClients.parse("acme,beta-eu"));
        String acmeKey = SynthesizedStack.logicalIdWhere(configured, "AWS::ApiGateway::ApiKey", "Name", "acme-dev");
        String betaKey = SynthesizedStack.logicalIdWhere(configured, "AWS::ApiGateway::ApiKey", "Name", "beta-eu-dev");

        Map<String, Map<String, Object>> outputs = configured.findOutputs("*");
        assertThat(outputs.get("ApiKeyIdAcme").get("Value")).isEqualTo(Map.of("Ref", acmeKey));
        assertThat(outputs.get("ApiKeyIdBetaEu").get("Value")).isEqualTo(Map.of("Ref", betaKey));
        assertThat(CloudFormationValues.render(outputs.get("ApiKeyCommandAcme").get("Value")))
                .isEqualTo("aws apigateway get-api-key --api-key <Ref " + acmeKey
                        + "> --include-value --query value --output text");
        assertThat(CloudFormationValues.render(
                        outputs.get("ApiKeyCommandBetaEu").get("Value")))
                .contains("--api-key <Ref " + betaKey + ">");
        outputs.values().forEach(output -> assertThat(output.toString()).doesNotContain("Fn::GetAtt"));
    }

    @Test
    void gatewayAnswersAMissingOrUnknownKeyWith401ProblemJson() {
        for (String type : List.of("UNAUTHORIZED", "INVALID_API_KEY")) {
            Map<String, Object> response = gatewayResponse(type);
            assertThat(response).containsEntry("StatusCode", "401");
            assertThat(headers(response))
                    .containsEntry("gatewayresponse.header.Content-Type", "'application/problem+json'")
                    .containsEntry("gatewayresponse.header.WWW-Authenticate", "'Bearer'");
            assertThat(body(response))
                    .startsWith("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,");
        }
    }

    @Test
    void gatewayAnswersOverTheRateOrTheQuotaWith429AndRetryAfter() {
        Map<String, Object> throttled = gatewayResponse("THROTTLED");
        assertThat(throttled).containsEntry("StatusCode", "429");
        assertThat(headers(throttled))
                .containsEntry("gatewayresponse.header.Content-Type", "'application/problem+json'")
                .containsEntry("gatewayresponse.header.Retry-After", "'1'");
        assertThat(body(throttled)).contains("\"status\":429", "\"detail\":$context.error.messageString");

        Map<String, Object> quota = gatewayResponse("QUOTA_EXCEEDED");
        assertThat(quota).containsEntry("StatusCode", "429");
        assertThat(headers(quota))
                .containsEntry("gatewayresponse.header.Content-Type", "'application/problem+json'")
                .containsEntry("gatewayresponse.header.Retry-After", "'3600'");
        assertThat(body(quota)).contains("\"status\":429");
    }

    @Test
    void everyOtherAnswerOfTheGatewayIsProblemJsonToo() {
        for (String type : List.of("ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN", "DEFAULT_4XX", "DEFAULT_5XX")) {
            Map<String, Object> response = gatewayResponse(type);
            assertThat(headers(response))
                    .as(type)
                    .containsEntry("gatewayresponse.header.Content-Type", "'application/problem+json'");
            assertThat(body(response)).as(type).startsWith("{\"type\":\"about:blank\",\"title\":");
        }
        for (Map<String, Object> response : SynthesizedStack.resources(template, "AWS::ApiGateway::GatewayResponse")
                .values()) {
            // As API Gateway fills it in: $context.error.messageString is the message in quotes.
            String filled = body(SynthesizedStack.properties(response))
                    .replace("$context.error.messageString", "\"Limit Exceeded\"");
            JsonNode problem = JsonMapper.builder().build().readTree(filled);
            assertThat(problem.get("type").asString()).as(filled).isEqualTo("about:blank");
            assertThat(problem.get("title").asString()).as(filled).isNotBlank();
        }
        // The catch-alls cover many statuses: they keep API Gateway's and name none in the body.
        assertThat(gatewayResponse("DEFAULT_4XX")).doesNotContainKey("StatusCode");
        assertThat(body(gatewayResponse("DEFAULT_4XX"))).doesNotContain("status");
        assertThat(gatewayResponse("ACCESS_DENIED")).doesNotContainKey("StatusCode");
        assertThat(body(gatewayResponse("ACCESS_DENIED"))).contains("\"status\":403");
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

    private static Map<String, Object> plan(Template template, String name) {
        return SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::ApiGateway::UsagePlan")
                .get(SynthesizedStack.logicalIdWhere(template, "AWS::ApiGateway::UsagePlan", "UsagePlanName", name)));
    }

    private Map<String, Object> gatewayResponse(String type) {
        return SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::ApiGateway::GatewayResponse")
                .get(SynthesizedStack.logicalIdWhere(
                        template, "AWS::ApiGateway::GatewayResponse", "ResponseType", type)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> gatewayResponse) {
        return (Map<String, Object>) gatewayResponse.get("ResponseParameters");
    }

    /** The body template that API Gateway fills in for a JSON (or any) caller. */
    private static String body(Map<String, Object> gatewayResponse) {
        @SuppressWarnings("unchecked")
        Map<String, Object> templates = (Map<String, Object>) gatewayResponse.get("ResponseTemplates");
        assertThat(templates).containsOnlyKeys("application/json");
        return templates.get("application/json").toString();
    }
}
