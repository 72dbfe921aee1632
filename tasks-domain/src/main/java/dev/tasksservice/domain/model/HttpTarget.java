package dev.tasksservice.domain.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint that receives the task's payload as its JSON body, signed as the Standard Webhooks specification
 * says. Built only valid: the field named in an {@link InvalidTaskException} is relative to the target ({@code url},
 * {@code method}, {@code headers.<name>}, {@code timeoutMs}).
 *
 * @param url http or https, with a host, without user info or fragment
 * @param method POST, PUT or PATCH: the payload travels as the body
 * @param headers extra request headers; names are HTTP tokens, and none that the delivery sets itself
 * @param timeout how long one request may take, connection included
 */
public record HttpTarget(URI url, String method, Map<String, String> headers, Duration timeout) implements Target {

    public static final String DEFAULT_METHOD = "POST";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_HEADERS = 20;
    public static final int MAX_HEADER_VALUE_LENGTH = 1024;
    public static final int MAX_URL_LENGTH = 2048;

    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    /** Headers the delivery sets itself, or that would change how the request travels. */
    static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "content-type",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "expect",
            "proxy-authorization",
            "proxy-connection",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "tasks-attempt",
            "tasks-executed-at");

    // RFC 9110 token: the characters a header name may hold.
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Visible characters, spaces and tabs: no CR, LF or other control characters that could split the request.
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\t\\x20-\\x7e\\x80-\\x{10FFFF}]*");

    public HttpTarget {
        Objects.requireNonNull(url, "url");
        method = method == null ? DEFAULT_METHOD : method.toUpperCase(Locale.ROOT);
        headers = checkedHeaders(headers);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        checkUrl(url);
        if (!METHODS.contains(method)) {
            throw new InvalidTaskException("method", "must be one of POST, PUT, PATCH");
        }
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidTaskException(
                    "timeoutMs", "must be between " + MIN_TIMEOUT.toMillis() + " and " + MAX_TIMEOUT.toMillis());
        }
    }

    /** A POST to {@code url} with the default timeout and no extra headers. */
    public static HttpTarget post(URI url) {
        return new HttpTarget(url, DEFAULT_METHOD, Map.of(), DEFAULT_TIMEOUT);
    }

    /** Parses {@code text} as a target URL. */
    public static URI parseUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTaskException("url", "is required");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new InvalidTaskException("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidTaskException("url", "is not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String type() {
        return "http";
    }

    /** The host to connect to, without IPv6 brackets. */
    public String host() {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidTaskException("url", "must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidTaskException("url", "must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidTaskException("url", "must not hold user info; send credentials in a header");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidTaskException("url", "must not hold a fragment");
        }
        if (url.toString().length() > MAX_URL_LENGTH) {
            throw new InvalidTaskException("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
    }

    private static Map<String, String> checkedHeaders(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw new InvalidTaskException("headers", "must hold at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new InvalidTaskException("headers", "header name '" + name + "' is not an HTTP token");
            }
            String field = "headers." + name;
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidTaskException(field, "is set by the delivery and cannot be given");
            }
            if (value == null || !FIELD_VALUE.matcher(value).matches()) {
                throw new InvalidTaskException(field, "must be a string without control characters");
            }
            if (value.length() > MAX_HEADER_VALUE_LENGTH) {
                throw new InvalidTaskException(field, "must be at most " + MAX_HEADER_VALUE_LENGTH + " characters");
            }
            for (String seen : checked.keySet()) {
                if (seen.equalsIgnoreCase(name)) {
                    throw new InvalidTaskException(field, "is given twice");
                }
            }
            checked.put(name, value);
        }
        return Collections.unmodifiableMap(checked);
    }
}
