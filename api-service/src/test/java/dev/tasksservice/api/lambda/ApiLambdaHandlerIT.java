package dev.tasksservice.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API as Lambda runs it behind an API Gateway REST API: proxy events in, proxy responses out, tasks in a DynamoDB
 * table that the deployment made (here dynalite).
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiLambdaHandlerIT {

    private static final String STAGE = "lambda-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the deployment gives the function; on Lambda these come from its environment. */
    private static final Map<String, String> SETTINGS = Map.of(
            "spring.cloud.aws.dynamodb.endpoint",
                    DynaliteServer.shared().endpoint().toString(),
            "spring.cloud.aws.region.static", "us-east-1",
            "spring.cloud.aws.credentials.access-key", "local",
            "spring.cloud.aws.credentials.secret-key", "local",
            "tasks.stage", STAGE,
            // Off on AWS unless asked for; asked for here, where the OpenAPI document's server URL is checked.
            "TASKS_API_DOCS", "true");

    private static StreamLambdaHandler handler;

    @BeforeAll
    static void deployTheFunction() {
        TaskTable.forStage(STAGE).createIfMissing(DynaliteServer.shared().client());
        SETTINGS.forEach(System::setProperty);
        handler = new StreamLambdaHandler();
    }

    @AfterAll
    static void leaveNoSettingsForOtherTests() {
        SETTINGS.keySet().forEach(System::clearProperty);
    }

    @Test
    void theFunctionServesThroughSpringMvcWithoutAnEmbeddedWebServer(CapturedOutput log) {
        assertThat(log).contains("Completed initialization").doesNotContain("Tomcat");
    }

    @Test
    void aPostedTaskIsCreatedAndStoredInTheTable() throws IOException {
        ProxyResponse created = invoke(fixture("apigateway-post-task.json"));

        assertThat(created.statusCode()).as("%s", created).isEqualTo(201);
        String id = created.body().get("id").stringValue();
        // Behind API Gateway the path starts with the stage: following Location must reach the task.
        assertThat(created.header("Location")).isEqualTo("/prod/tasks/" + id);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.body().get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(created.body().get("time_left").longValue()).isEqualTo(90);
        assertThat(created.body().at("/payload/orderId").intValue()).isEqualTo(42);

        Map<String, AttributeValue> item = DynaliteServer.shared()
                .client()
                .getItem(request -> request.tableName("tasksTable-" + STAGE)
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
        assertThat(item).isNotEmpty();
        assertThat(item.get("taskStatus").s()).isEqualTo("SCHEDULED");
    }

    @Test
    void aTaskIsReadBackById() throws IOException {
        String id =
                invoke(fixture("apigateway-post-task.json")).body().get("id").stringValue();

        ProxyResponse found = invoke(fixture("apigateway-get-task.json").replace("${taskId}", id));

        assertThat(found.statusCode()).as("%s", found).isEqualTo(200);
        assertThat(found.body().get("id").stringValue()).isEqualTo(id);
        assertThat(found.body().get("status").stringValue()).isEqualTo("SCHEDULED");
    }

    @Test
    void theLocationOfANewTaskLeadsToIt() throws IOException {
        ProxyResponse created = invoke(fixture("apigateway-post-task.json"));
        String location = created.header("Location");
        String id = created.body().get("id").stringValue();

        ProxyResponse found = invoke(fixture("apigateway-get-task.json")
                .replace("/prod/tasks/${taskId}", location)
                .replace("${taskId}", id));

        assertThat(found.statusCode()).as("%s", found).isEqualTo(200);
        assertThat(found.body().get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void theOpenApiServerUrlCarriesTheStage() throws IOException {
        ProxyResponse docs = invoke(fixture("apigateway-get-task.json")
                .replace("/tasks/${taskId}", "/v3/api-docs")
                .replace("tasks/${taskId}", "v3/api-docs"));

        assertThat(docs.statusCode()).as("%s", docs).isEqualTo(200);
        assertThat(docs.body().at("/servers/0/url").stringValue()).endsWith("/prod");
    }

    @Test
    void aBadBodyIsAProblemNamingTheField() throws IOException {
        ProxyResponse refused = invoke(withBody(fixture("apigateway-post-task.json"), "{\"seconds\":-1}"));

        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().get("field").stringValue()).isEqualTo("seconds");
        assertThat(refused.body().get("detail").stringValue()).contains("must not be negative");
    }

    @Test
    void aRequestWithoutAnApiKeyIdIsRefusedWith401ProblemAndCreatesNothing() throws IOException {
        ProxyResponse refused =
                invoke(withoutApiKey(withBody(fixture("apigateway-post-task.json"), "{\"seconds\":1}")));

        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(refused.body().get("status").intValue()).isEqualTo(401);
        assertThat(refused.body().get("title").stringValue()).isEqualTo("Unauthorized");
    }

    @Test
    void theTenantIsTheApiKeyIdSoAnotherKeyDoesNotFindTheTask() throws IOException {
        String id =
                invoke(fixture("apigateway-post-task.json")).body().get("id").stringValue();
        String get = fixture("apigateway-get-task.json").replace("${taskId}", id);

        ProxyResponse own = invoke(get);
        ProxyResponse other = invoke(get.replace("\"apiKeyId\": \"k7vq2m9x1b\"", "\"apiKeyId\": \"q3w8e1r6t0\""));

        assertThat(own.statusCode()).as("%s", own).isEqualTo(200);
        assertThat(other.statusCode()).as("%s", other).isEqualTo(404);
    }

    @Test
    void aKeyInTheHeadersWithoutTheGatewaysKeyIdIsNotEnough() throws IOException {
        // Only API Gateway's word counts on AWS: a key in the request's headers alone is not checked by anyone.
        ObjectNode event = (ObjectNode) JSON.readTree(withoutApiKey(fixture("apigateway-post-task.json")));
        ((ObjectNode) event.get("headers")).put("Authorization", "Bearer tsk_anything");
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Authorization").add("Bearer tsk_anything");

        assertThat(invoke(JSON.writeValueAsString(event)).statusCode()).isEqualTo(401);
    }

    @Test
    void healthAnswersWithoutAKeyButShowsItsDetailsOnlyWithOne() throws IOException {
        String health = fixture("apigateway-get-task.json")
                .replace("/tasks/${taskId}", "/actuator/health")
                .replace("tasks/${taskId}", "actuator/health");

        ProxyResponse anonymous = invoke(withoutApiKey(health));
        ProxyResponse keyed = invoke(health);

        assertThat(anonymous.statusCode()).as("%s", anonymous).isEqualTo(200);
        assertThat(anonymous.body().get("status").stringValue()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as("%s", anonymous).isFalse();
        assertThat(keyed.body().at("/components/dynamoDb/status").stringValue()).isEqualTo("UP");
    }

    private static ProxyResponse invoke(String event) throws IOException {
        InputStream input = new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(input, output, new TestLambdaContext());
        return ProxyResponse.read(output.toByteArray());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream event = ApiLambdaHandlerIT.class.getResourceAsStream("/events/" + name)) {
            return new String(event.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The same request as API Gateway passes it on from a method that requires no API key. */
    static String withoutApiKey(String event) {
        ObjectNode json = (ObjectNode) JSON.readTree(event);
        ObjectNode identity = (ObjectNode) json.at("/requestContext/identity");
        identity.putNull("apiKey");
        identity.putNull("apiKeyId");
        ((ObjectNode) json.get("headers")).remove("x-api-key");
        ((ObjectNode) json.get("multiValueHeaders")).remove("x-api-key");
        return JSON.writeValueAsString(json);
    }

    /** The same request with another body, and the Content-Length API Gateway would pass along with it. */
    private static String withBody(String event, String body) {
        ObjectNode json = (ObjectNode) JSON.readTree(event);
        String length = Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
        json.put("body", body);
        ((ObjectNode) json.get("headers")).put("Content-Length", length);
        ((ObjectNode) json.get("multiValueHeaders")).putArray("Content-Length").add(length);
        return JSON.writeValueAsString(json);
    }
}
