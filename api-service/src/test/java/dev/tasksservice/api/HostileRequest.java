package dev.tasksservice.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request exactly as it goes on the wire: the request target is sent unencoded and unchecked, headers as given
 * (repeated names stay repeated), the body as bytes. {@code Host}, {@code Content-Length} (when the headers name none)
 * and {@code Connection: close} are added when sent. Its JSON form is a line of the hostile corpus.
 *
 * @param name what the request tries
 * @param method the HTTP method
 * @param target the request target, such as {@code /tasks/%00}
 * @param headers {@code Name: value} lines
 * @param body the body's bytes; empty for none
 */
public record HostileRequest(String name, String method, String target, List<String> headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public HostileRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** A request whose body is text sent as UTF-8 (a lone surrogate written in it is sent as {@code ?}). */
    public static HostileRequest of(String name, String method, String target, List<String> headers, String body) {
        return new HostileRequest(name, method, target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes sent to the server. */
    byte[] wire(String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nConnection: close\r\n");
        boolean lengthGiven = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            String lower = header.toLowerCase();
            lengthGiven |= lower.startsWith("content-length:") || lower.startsWith("transfer-encoding:");
        }
        if (!lengthGiven && (body.length > 0 || !method.equals("GET") && !method.equals("DELETE"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        // ISO-8859-1: a character below 256 in the target or a header goes out as that one byte, as a hostile client
        // sends it.
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The request as one line of the corpus: the body as text when it is valid UTF-8, else in base64. */
    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("name", name);
        line.put("method", method);
        line.put("target", target);
        ArrayNode headerLines = line.putArray("headers");
        headers.forEach(headerLines::add);
        String text = new String(body, StandardCharsets.UTF_8);
        if (java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
            line.put("body", text);
        } else {
            line.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
        return JSON.writeValueAsString(line);
    }

    /** Reads a line of the corpus. */
    public static HostileRequest fromJson(JsonNode line) {
        List<String> headers = new ArrayList<>();
        line.path("headers").values().forEach(header -> headers.add(header.stringValue()));
        byte[] body = line.has("bodyBase64")
                ? Base64.getDecoder().decode(line.get("bodyBase64").stringValue())
                : line.path("body").asString("").getBytes(StandardCharsets.UTF_8);
        return new HostileRequest(
                line.get("name").stringValue(),
                line.get("method").stringValue(),
                line.get("target").stringValue(),
                headers,
                body);
    }

    @Override
    public String toString() {
        return toJsonLine();
    }
}
