package dev.tasksservice.client;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a task is delivered when it falls due: an {@link HttpTarget} or a {@link QueueTarget}. A task without one goes
 * to the deployment's default target.
 */
public sealed interface Target permits HttpTarget, QueueTarget {

    /** The type name on the wire: {@code http} or {@code sqs}. */
    String type();

    /** The target as the API reads it. */
    ObjectNode toJson();

    /** Reads a target from the API's JSON; throws IllegalArgumentException for JSON that is not a target. */
    static Target fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("target is not a JSON object");
        }
        String type = Json.text(json, "type");
        if ("http".equals(type)) {
            String url = Json.text(json, "url");
            if (url == null) {
                throw new IllegalArgumentException("http target without url");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode given = json.get("headers");
            if (given != null && given.isObject()) {
                given.properties()
                        .forEach(header ->
                                headers.put(header.getKey(), header.getValue().asString()));
            }
            JsonNode timeout = json.get("timeoutMs");
            return new HttpTarget(
                    URI.create(url),
                    Json.text(json, "method"),
                    headers,
                    timeout == null || !timeout.isNumber() ? null : Duration.ofMillis(timeout.longValue()));
        }
        if ("sqs".equals(type)) {
            String queueUrl = Json.text(json, "queueUrl");
            if (queueUrl == null) {
                throw new IllegalArgumentException("sqs target without queueUrl");
            }
            return new QueueTarget(queueUrl);
        }
        throw new IllegalArgumentException("unknown target type " + type);
    }
}
