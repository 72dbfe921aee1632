package dev.tasksservice.client;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP endpoint that receives the task's payload as its JSON body when the task falls due. The service judges the
 * target (an http(s) URL with a host, a method of POST, PUT or PATCH, headers it does not set itself, a timeout of
 * 100 ms to 60 s, no internal address unless the deployment allows it) and answers a broken rule with an
 * {@link InvalidTaskRequestException} naming the field, such as {@code target.url}.
 *
 * <p>A task read from the API shows its header values as {@code ***}: they may hold credentials.
 *
 * @param method POST, PUT or PATCH; null for the service's default, POST
 * @param headers extra request headers, in order; never null
 * @param timeout how long one request may take; null for the service's default, 10 s
 */
public record HttpTarget(URI url, String method, Map<String, String> headers, Duration timeout) implements Target {

    public HttpTarget {
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A POST of the payload to {@code url}, with the service's default timeout and no extra headers. */
    public static HttpTarget post(URI url) {
        return new HttpTarget(url, null, Map.of(), null);
    }

    /** A POST of the payload to {@code url}. */
    public static HttpTarget post(String url) {
        return post(URI.create(url));
    }

    /** This target with {@code method}: POST, PUT or PATCH. */
    public HttpTarget withMethod(String method) {
        return new HttpTarget(url, method, headers, timeout);
    }

    /** This target with one more header, such as {@code Authorization}. */
    public HttpTarget withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpTarget(url, method, more, timeout);
    }

    /** This target with a timeout for each request, sent in whole milliseconds. */
    public HttpTarget withTimeout(Duration timeout) {
        return new HttpTarget(url, method, headers, timeout);
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", type());
        json.put("url", url.toString());
        if (method != null) {
            json.put("method", method);
        }
        if (!headers.isEmpty()) {
            ObjectNode headerNode = json.putObject("headers");
            headers.forEach(headerNode::put);
        }
        if (timeout != null) {
            json.put("timeoutMs", timeout.toMillis());
        }
        return json;
    }
}
