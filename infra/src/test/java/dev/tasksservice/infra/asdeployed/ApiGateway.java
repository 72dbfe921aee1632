package dev.tasksservice.infra.asdeployed;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * API Gateway's REST API in front of the API Lambda: turns a client's request into the proxy event API Gateway sends
 * (resource {@code /{proxy+}}, the stage in the request context) and the function's proxy response back into what the
 * client sees.
 */
final class ApiGateway {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com";

    private final LambdaProcess api;
    private final String stage;

    ApiGateway(LambdaProcess api, String stage) {
        this.api = api;
        this.stage = stage;
    }

    /** A request as the client sends it, to {@code url}: either {@code /{stage}/...} or a path below the stage. */
    Response send(String method, String url, String body) {
        String path = url.startsWith("/" + stage + "/") ? url.substring(stage.length() + 1) : url;
        Invocation invocation = api.invoke(JSON.writeValueAsString(event(method, path, body)));
        if (!invocation.ok()) {
            // API Gateway answers 502 when the integration fails.
            return new Response(502, Map.of(), invocation.errorType() + ": " + invocation.errorMessage());
        }
        JsonNode response = JSON.readTree(invocation.body());
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.path("multiValueHeaders")
                .properties()
                .forEach(header ->
                        headers.put(header.getKey(), header.getValue().get(0).asString()));
        response.path("headers")
                .properties()
                .forEach(
                        header -> headers.put(header.getKey(), header.getValue().asString()));
        return new Response(
                response.get("statusCode").asInt(),
                headers,
                response.path("body").isNull() ? "" : response.path("body").asString());
    }

    private ObjectNode event(String method, String path, String body) {
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
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        sent.put("Accept", "application/json");
        sent.put("Host", HOST);
        sent.put("X-Forwarded-Proto", "https");
        sent.put("X-Forwarded-Port", "443");
        if (body != null) {
            sent.put("Content-Type", "application/json");
            sent.put("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        sent.forEach((name, value) -> {
            headers.put(name, value);
            multiValueHeaders.putArray(name).add(value);
        });
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
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", "x7k2p9");
        context.put("resourcePath", "/{proxy+}");
        context.put("httpMethod", method);
        context.put("path", "/" + stage + plainPath);
        context.put("accountId", CloudFormationTemplate.ACCOUNT);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", stage);
        context.put("domainPrefix", "a1b2c3d4e5");
        context.put("requestTimeEpoch", Instant.now().toEpochMilli());
        context.put("requestId", UUID.randomUUID().toString());
        context.putObject("identity").put("sourceIp", "203.0.113.17");
        context.put("domainName", HOST);
        context.put("apiId", "a1b2c3d4e5");
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
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
