package dev.tasksservice.api.lambda;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API Gateway proxy response a function writes: what API Gateway turns into the client's HTTP response. */
record ProxyResponse(JsonNode json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ProxyResponse read(byte[] output) {
        return new ProxyResponse(JSON.readTree(output));
    }

    int statusCode() {
        return json.get("statusCode").intValue();
    }

    /** A header's first value, found by name regardless of case, as HTTP names are. */
    String header(String name) {
        for (Map.Entry<String, JsonNode> header : json.get("multiValueHeaders").properties()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().get(0).stringValue();
            }
        }
        return null;
    }

    JsonNode body() {
        return JSON.readTree(json.get("body").stringValue());
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
