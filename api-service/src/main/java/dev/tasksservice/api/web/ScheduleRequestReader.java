package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.schedule.RetryRequest;
import dev.tasksservice.domain.schedule.ScheduleTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the body of {@code POST /tasks}: either {@code {"timestamp": "..."}} or the seed's
 * {@code {"hours": h, "minutes": m, "seconds": s}}, each with an optional {@code "payload"} object, {@code "target"}
 * and {@code "retry"}. Every rule broken is reported with the field that broke it.
 */
final class ScheduleRequestReader {

    private static final List<String> FIELDS =
            List.of("timestamp", "hours", "minutes", "seconds", "payload", "target", "retry");

    ScheduleTask read(TenantId tenant, JsonNode body, String idempotencyKey) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        FaithfulJson.check(body);
        JsonFields.onlyKnown(body, "", FIELDS, "timestamp or hours/minutes/seconds, and payload, target, retry");
        DueTime due = DueTimeReader.read(body);
        String payload = payload(body.get("payload"));
        JsonNode targetNode = body.get("target");
        JsonNode retryNode = body.get("retry");
        Target target = targetNode == null || targetNode.isNull() ? null : TargetReader.read(targetNode);
        RetryRequest retry = retryNode == null || retryNode.isNull() ? null : RetryReader.read(retryNode);
        IdempotencyKey key = idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey, fingerprint(body));
        return new ScheduleTask(tenant, due, payload, key, target, retry);
    }

    /** The payload as JSON text: an object, or null (none). */
    static String payload(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return null;
        }
        return JsonFields.object(payload, "payload").toString();
    }

    /** Identifies the request whatever the order of its fields, so a faithful retry matches. */
    private static String fingerprint(JsonNode body) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonical(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            StringBuilder json = new StringBuilder("{");
            sorted.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                    .append(JsonNodeFactory.instance.stringNode(name))
                    .append(':')
                    .append(canonical(value)));
            return json.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder json = new StringBuilder("[");
            for (JsonNode element : node.values()) {
                json.append(json.length() > 1 ? "," : "").append(canonical(element));
            }
            return json.append(']').toString();
        }
        return node.toString();
    }
}
