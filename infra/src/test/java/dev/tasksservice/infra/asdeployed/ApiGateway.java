package dev.tasksservice.infra.asdeployed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * API Gateway's REST API in front of the API Lambda, as the template sets it up: the template's REQUEST authorizer
 * (its Node.js code, run by {@link NodeAuthorizer}) is called with the request, the key it hands back is checked
 * against the stage's API keys, and only then is the client's request turned into the proxy event API Gateway sends
 * (resource {@code /{proxy+}}, the stage, the key and its id in {@code requestContext.identity}, the authorizer's
 * principal in {@code requestContext.authorizer}); the function's proxy response goes back to the client. What API
 * Gateway answers by itself (no key, an unknown key) is the template's gateway response for it. Usage plan limits are
 * not counted here.
 *
 * <p>Each request carries the client's key in {@code x-api-key}, unless {@link #authenticatedBy} says otherwise.
 */
final class ApiGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";
    private static final String API_ID = "a1b2c3d4e5";

    private final LambdaProcess api;
    private final String stage;
    private final Gateway gateway;
    private final Map<String, String> credentials;

    /**
     * The stage's authorizer, keys and gateway responses.
     *
     * @param keysByValue every API key of the stage, by the value a client sends
     */
    record Gateway(CloudFormationTemplate template, NodeAuthorizer authorizer, Map<String, Key> keysByValue) {}

    /**
     * An API key as API Gateway created it.
     *
     * @param id what the API reads as the caller's identity ({@code apiKeyId})
     * @param value what the client sends
     */
    record Key(String id, String value) {}

    ApiGateway(LambdaProcess api, String stage, Gateway gateway, Key key) {
        this(api, stage, gateway, Map.of("x-api-key", key.value()));
    }

    private ApiGateway(LambdaProcess api, String stage, Gateway gateway, Map<String, String> credentials) {
        this.api = api;
        this.stage = stage;
        this.gateway = gateway;
        this.credentials = Map.copyOf(credentials);
    }

    /** The same API called with {@code headers} in place of the key header: none, another form, another key. */
    ApiGateway authenticatedBy(Map<String, String> headers) {
        return new ApiGateway(api, stage, gateway, headers);
    }

    /** A request as the client sends it, to {@code url}: either {@code /{stage}/...} or a path below the stage. */
    Response send(String method, String url, String body) {
        String path = url.startsWith("/" + stage + "/") ? url.substring(stage.length() + 1) : url;
        String plainPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map<String, String> headers = headers(body);

        JsonNode authorized = gateway.authorizer().invoke(authorizerEvent(method, plainPath, headers));
        if (authorized.has("error")) {
            String error = authorized.get("error").asString();
            // "Unauthorized" is the one error API Gateway answers with 401; any other is the authorizer failing.
            return "Unauthorized".equals(error)
                    ? gatewayResponse("UNAUTHORIZED", 401, "Unauthorized")
                    : gatewayResponse("AUTHORIZER_FAILURE", 500, null);
        }
        JsonNode result = authorized.get("result");
        if (!allows(result, methodArn(method, plainPath))) {
            return gatewayResponse("ACCESS_DENIED", 403, "User is not authorized to access this resource");
        }
        Key key = gateway.keysByValue().get(result.path("usageIdentifierKey").asString(""));
        if (key == null) {
            return gatewayResponse("INVALID_API_KEY", 403, "Forbidden");
        }

        ObjectNode event = proxyEvent(
                method, path, body, headers, key, result.get("principalId").asString());
        Invocation invocation = api.invoke(JSON.writeValueAsString(event));
        if (!invocation.ok()) {
            // API Gateway answers 502 when the integration fails.
            return new Response(502, Map.of(), invocation.errorType() + ": " + invocation.errorMessage());
        }
        JsonNode response = JSON.readTree(invocation.body());
        Map<String, String> answered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.path("multiValueHeaders")
                .properties()
                .forEach(header ->
                        answered.put(header.getKey(), header.getValue().get(0).asString()));
        response.path("headers")
                .properties()
                .forEach(header ->
                        answered.put(header.getKey(), header.getValue().asString()));
        return new Response(
                response.get("statusCode").asInt(),
                answered,
                response.path("body").isNull() ? "" : response.path("body").asString());
    }

    private Map<String, String> headers(String body) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Accept", "application/json");
        sent.put("Host", HOST);
        sent.put("X-Forwarded-Proto", "https");
        sent.put("X-Forwarded-Port", "443");
        sent.putAll(credentials);
        if (body != null) {
            sent.put("Content-Type", "application/json");
            sent.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        return sent;
    }

    private String methodArn(String method, String plainPath) {
        return "arn:aws:execute-api:" + CloudFormationTemplate.REGION + ":" + CloudFormationTemplate.ACCOUNT + ":"
                + API_ID + "/" + stage + "/" + method + plainPath;
    }

    /** Whether the authorizer's policy allows invoking the method: an Allow statement on its ARN, none denying. */
    private static boolean allows(JsonNode result, String methodArn) {
        boolean allowed = false;
        for (JsonNode statement : result.path("policyDocument").path("Statement")) {
            boolean matches = statement.path("Action").asString("").equals("execute-api:Invoke")
                    && methodArn.matches(statement
                            .path("Resource")
                            .asString("")
                            .replace(".", "\\.")
                            .replace("*", ".*"));
            if (matches && "Deny".equals(statement.path("Effect").asString())) {
                return false;
            }
            allowed |= matches && "Allow".equals(statement.path("Effect").asString());
        }
        return allowed;
    }

    /**
     * The template's gateway response of {@code type} (or its DEFAULT_4XX/5XX), filled in: its status or else API
     * Gateway's own for the type, its headers, its body with {@code message} as {@code $context.error.message}.
     */
    private Response gatewayResponse(String type, int defaultStatus, String message) {
        String fallback = defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
        JsonNode response = gatewayResponseOf(type);
        if (response == null) {
            response = gatewayResponseOf(fallback);
        }
        String text = message == null ? "Internal server error" : message;
        if (response == null) {
            return new Response(
                    defaultStatus, Map.of("Content-Type", "application/json"), "{\"message\":\"" + text + "\"}");
        }
        int status = response.has("StatusCode")
                ? Integer.parseInt(response.get("StatusCode").asString())
                : defaultStatus;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.path("ResponseParameters").properties().forEach(parameter -> {
            String value = parameter.getValue().asString();
            headers.put(
                    parameter.getKey().substring("gatewayresponse.header.".length()),
                    value.substring(1, value.length() - 1));
        });
        String body = response.path("ResponseTemplates")
                .path("application/json")
                .asString("")
                .replace("$context.error.messageString", "\"" + text + "\"")
                .replace("$context.error.message", text);
        return new Response(status, headers, body);
    }

    private JsonNode gatewayResponseOf(String type) {
        return gateway.template().logicalIds("AWS::ApiGateway::GatewayResponse").stream()
                .map(id -> gateway.template().properties(id))
                .filter(properties -> type.equals(properties.get("ResponseType").asString()))
                .findFirst()
                .orElse(null);
    }

    /** The event API Gateway sends a REQUEST authorizer. */
    private ObjectNode authorizerEvent(String method, String plainPath, Map<String, String> headers) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", methodArn(method, plainPath));
        event.put("resource", "/{proxy+}");
        event.put("path", plainPath);
        event.put("httpMethod", method);
        putHeaders(event, headers);
        event.putObject("pathParameters").put("proxy", plainPath.substring(1));
        event.putObject("stageVariables");
        ObjectNode context = requestContext(event, method, plainPath);
        context.putObject("identity").put("sourceIp", "203.0.113.17");
        return event;
    }

    /** The proxy event, after the authorizer and the key check. */
    private ObjectNode proxyEvent(
            String method, String path, String body, Map<String, String> headers, Key key, String principal) {
        ObjectNode event = JSON.createObjectNode();
        String query = null;
        String plainPath = path;
        if (path.contains("?")) {
            plainPath = path.substring(0, path.indexOf('?'));
            query = path.substring(path.indexOf('?') + 1);
        }
        event.put("resource", "/{proxy+}");
        event.put("path", plainPath);
        event.put("httpMethod", method);
        putHeaders(event, headers);
        if (query == null) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                single.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
                multi.putArray(nameValue[0]).add(nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        event.putObject("pathParameters").put("proxy", plainPath.substring(1));
        event.putNull("stageVariables");
        ObjectNode context = requestContext(event, method, plainPath);
        ObjectNode identity = context.putObject("identity");
        identity.put("apiKey", key.value());
        identity.put("apiKeyId", key.id());
        identity.put("sourceIp", "203.0.113.17");
        ObjectNode authorizer = context.putObject("authorizer");
        authorizer.put("principalId", principal);
        authorizer.put("integrationLatency", 1);
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private static void putHeaders(ObjectNode event, Map<String, String> sent) {
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        sent.forEach((name, value) -> {
            headers.put(name, value);
            multiValueHeaders.putArray(name).add(value);
        });
    }

    private ObjectNode requestContext(ObjectNode event, String method, String plainPath) {
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", "x7k2p9");
        context.put("resourcePath", "/{proxy+}");
        context.put("httpMethod", method);
        context.put("path", "/" + stage + plainPath);
        context.put("accountId", CloudFormationTemplate.ACCOUNT);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stage);
        context.put("domainPrefix", API_ID);
        context.put("requestTimeEpoch", Instant.now().toEpochMilli());
        context.put("requestId", UUID.randomUUID().toString());
        context.put("domainName", HOST);
        context.put("apiId", API_ID);
        return context;
    }

    /** What the client gets back. */
    record Response(int status, Map<String, String> headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name);
        }
    }
}
