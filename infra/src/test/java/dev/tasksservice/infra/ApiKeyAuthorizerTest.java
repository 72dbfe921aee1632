package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The authorizer's code as the template carries it, run by Node.js on the event API Gateway sends a REQUEST
 * authorizer: what it answers decides whether API Gateway goes on to check a key (and which) or answers 401.
 */
class ApiKeyAuthorizerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "Xk3vQ9pL2mN8rT5wY7zA1bC4dE6fG0hJ";
    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/GET/tasks/t-1";

    private static final Template TEMPLATE = SynthesizedStack.template();
    private static String authorizer;
    private static Path code;

    @BeforeAll
    static void extractTheCodeFromTheTemplate() throws IOException {
        authorizer = SynthesizedStack.onlyLogicalId(TEMPLATE, "AWS::ApiGateway::Authorizer");
        String function = authorizerFunction();
        Map<?, ?> properties = DeployedLambdas.functionProperties(TEMPLATE, function);
        code = Files.createDirectories(SynthesizedStack.buildDirectory().resolve("api-key-authorizer"));
        // Lambda writes ZipFile code to index.js for Node.js runtimes; the handler names index.handler.
        Files.writeString(code.resolve("index.js"), (String) ((Map<?, ?>) properties.get("Code")).get("ZipFile"));
    }

    @Test
    void authorizerIsANodeFunctionWithItsOwnRoleThatMayOnlyWriteItsLogs() {
        Map<String, Object> function = DeployedLambdas.functionProperties(TEMPLATE, authorizerFunction());

        assertThat(function)
                .containsEntry("Runtime", "nodejs24.x")
                .containsEntry("Handler", "index.handler")
                .containsEntry("MemorySize", 128);
        String role = DeployedLambdas.role(TEMPLATE, authorizerFunction());
        String logGroup = ((Map<?, ?>) ((Map<?, ?>) function.get("LoggingConfig")).get("LogGroup"))
                .get("Ref")
                .toString();
        assertThat(RolePermissions.of(TEMPLATE, role))
                .isEqualTo(Map.of(
                        "logs:CreateLogStream", Set.of(CloudFormationValues.getAtt(logGroup, "Arn")),
                        "logs:PutLogEvents", Set.of(CloudFormationValues.getAtt(logGroup, "Arn"))));
    }

    @Test
    void authorizerIsCalledOnEveryRequestWithoutIdentitySourcesOrCaching() {
        Map<String, Object> properties =
                SynthesizedStack.properties(SynthesizedStack.resources(TEMPLATE, "AWS::ApiGateway::Authorizer")
                        .get(authorizer));

        assertThat(properties)
                .containsEntry("Type", "REQUEST")
                .containsEntry("AuthorizerResultTtlInSeconds", 0)
                .containsEntry("Name", "tasksApiKeyAuthorizer-dev")
                // An identity source that a request lacks is refused by API Gateway before the authorizer runs:
                // naming either header would refuse the other form.
                .doesNotContainKey("IdentitySource");
        assertThat(DeployedLambdas.mentions(properties.get("AuthorizerUri"), authorizerFunction()))
                .isTrue();
        TEMPLATE.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Action",
                        "lambda:InvokeFunction",
                        "Principal",
                        "apigateway.amazonaws.com",
                        "FunctionName",
                        Map.of("Fn::GetAtt", List.of(authorizerFunction(), "Arn"))));
    }

    @Test
    void bearerKeyInAuthorizationIsTheUsageIdentifierKey() throws Exception {
        JsonNode answer = run(event(Map.of("Authorization", "Bearer " + KEY)));

        assertThat(answer.path("error").isMissingNode()).as(answer.toString()).isTrue();
        JsonNode result = answer.get("result");
        assertThat(result.get("usageIdentifierKey").asString()).isEqualTo(KEY);
        JsonNode statement = result.get("policyDocument").get("Statement").get(0);
        assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
        assertThat(statement.get("Action").asString()).isEqualTo("execute-api:Invoke");
        assertThat(statement.get("Resource").asString()).isEqualTo(METHOD_ARN);
        assertThat(result.get("principalId").asString())
                .as("the principal is passed on to the API and logged: not the key")
                .isNotBlank()
                .doesNotContain(KEY);
    }

    @Test
    void keyInXApiKeyIsTheUsageIdentifierKey() throws Exception {
        assertThat(keyFrom(Map.of("x-api-key", KEY))).isEqualTo(KEY);
    }

    @Test
    void headerNamesAndTheBearerSchemeAreMatchedInAnyCase() throws Exception {
        assertThat(keyFrom(Map.of("X-API-Key", KEY))).isEqualTo(KEY);
        assertThat(keyFrom(Map.of("X-Api-Key", KEY))).isEqualTo(KEY);
        assertThat(keyFrom(Map.of("authorization", "bearer " + KEY))).isEqualTo(KEY);
        assertThat(keyFrom(Map.of("AUTHORIZATION", "BEARER  " + KEY + " "))).isEqualTo(KEY);
    }

    @Test
    void theSameKeyInBothHeadersIsTheKey() throws Exception {
        assertThat(keyFrom(Map.of("Authorization", "Bearer " + KEY, "x-api-key", KEY)))
                .isEqualTo(KEY);
    }

    @Test
    void requestWithoutAKeyIsUnauthorized() throws Exception {
        assertUnauthorized(Map.of());
        assertUnauthorized(Map.of("Accept", "application/json"));
    }

    @Test
    void bearerWithoutAKeyOrAnotherSchemeIsUnauthorized() throws Exception {
        assertUnauthorized(Map.of("Authorization", "Bearer"));
        assertUnauthorized(Map.of("Authorization", "Bearer "));
        assertUnauthorized(Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        assertUnauthorized(Map.of("Authorization", KEY));
        assertUnauthorized(Map.of("Authorization", "Bearer " + KEY + " extra"));
        assertUnauthorized(Map.of("x-api-key", "  "));
    }

    @Test
    void twoDifferentKeysAreUnauthorized() throws Exception {
        assertUnauthorized(Map.of("Authorization", "Bearer " + KEY, "x-api-key", "another-key-of-twenty-chars"));
    }

    @Test
    void twoDifferentValuesOfOneHeaderAreUnauthorized() throws Exception {
        ObjectNode event = event(Map.of("x-api-key", KEY));
        // API Gateway keeps the last value in headers and every value in multiValueHeaders.
        ((ArrayNode) event.get("multiValueHeaders").get("x-api-key")).insert(0, "another-key-of-twenty-chars");

        JsonNode answer = run(event);

        assertThat(answer.path("error").asString()).isEqualTo("Unauthorized");
    }

    private static void assertUnauthorized(Map<String, String> headers) throws Exception {
        JsonNode answer = run(event(headers));
        // The one error message API Gateway turns into 401; any other would be a 500.
        assertThat(answer.path("error").asString()).as("answer to %s", headers).isEqualTo("Unauthorized");
    }

    private static String keyFrom(Map<String, String> headers) throws Exception {
        JsonNode answer = run(event(headers));
        assertThat(answer.path("error").isMissingNode())
                .as("answer to %s: %s", headers, answer)
                .isTrue();
        return answer.get("result").get("usageIdentifierKey").asString();
    }

    /** The event of a REST API's REQUEST authorizer, for GET /tasks/t-1 on stage dev with {@code headers}. */
    private static ObjectNode event(Map<String, String> headers) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
        sent.put("User-Agent", "curl/8.7.1");
        sent.put("X-Forwarded-For", "203.0.113.17");
        sent.put("X-Forwarded-Port", "443");
        sent.put("X-Forwarded-Proto", "https");
        sent.putAll(headers);
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", METHOD_ARN);
        event.put("resource", "/{proxy+}");
        event.put("path", "/tasks/t-1");
        event.put("httpMethod", "GET");
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        sent.forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        event.putObject("queryStringParameters");
        event.putObject("multiValueQueryStringParameters");
        event.putObject("pathParameters").put("proxy", "tasks/t-1");
        event.putObject("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", "x7k2p9");
        context.put("resourcePath", "/{proxy+}");
        context.put("httpMethod", "GET");
        context.put("extendedRequestId", "Ab1CdEfGhIjKlMn=");
        context.put("requestTime", "28/Nov/2026:14:00:00 +0000");
        context.put("path", "/dev/tasks/t-1");
        context.put("accountId", "123456789012");
        context.put("protocol", "HTTP/1.1");
        context.put("stage", "dev");
        context.put("domainPrefix", "a1b2c3d4e5");
        context.put("requestTimeEpoch", 1_795_874_400_000L);
        context.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        ObjectNode identity = context.putObject("identity");
        identity.putNull("cognitoIdentityPoolId");
        identity.putNull("accountId");
        identity.putNull("cognitoIdentityId");
        identity.putNull("caller");
        identity.put("sourceIp", "203.0.113.17");
        identity.putNull("principalOrgId");
        identity.putNull("accessKey");
        identity.putNull("cognitoAuthenticationType");
        identity.putNull("cognitoAuthenticationProvider");
        identity.putNull("userArn");
        identity.put("userAgent", "curl/8.7.1");
        identity.putNull("user");
        context.put("domainName", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
        context.put("apiId", "a1b2c3d4e5");
        return event;
    }

    /** Calls the handler as Lambda's Node.js runtime does: {@code {"result": ...}} or {@code {"error": message}}. */
    private static JsonNode run(ObjectNode event) throws IOException, InterruptedException {
        Path eventFile = Files.createTempFile(code, "event-", ".json");
        Files.writeString(eventFile, JSON.writeValueAsString(event));
        String script = "const { handler } = require(process.argv[1] + '/index.js');"
                + "const event = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
                + "handler(event, {}).then("
                + "  result => console.log(JSON.stringify({ result })),"
                + "  error => console.log(JSON.stringify({ error: error.message })));";
        Process node = new ProcessBuilder(
                        "node",
                        "-e",
                        script,
                        code.toAbsolutePath().toString(),
                        eventFile.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (var stream = node.getInputStream()) {
            output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        Files.delete(eventFile);
        return JSON.readTree(output);
    }

    private static String authorizerFunction() {
        List<String> functions = SynthesizedStack.resources(TEMPLATE, "AWS::Lambda::Function").entrySet().stream()
                .filter(function -> DeployedLambdas.mentions(
                        SynthesizedStack.properties(SynthesizedStack.resources(TEMPLATE, "AWS::ApiGateway::Authorizer")
                                        .get(authorizer))
                                .get("AuthorizerUri"),
                        function.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(functions).as("the function the authorizer calls").hasSize(1);
        return functions.getFirst();
    }
}
