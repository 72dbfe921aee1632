package dev.tasksservice.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApiBase;

/**
 * What API Gateway answers by itself (no key, a bad key, over the rate or the quota, its own errors) as
 * {@code application/problem+json}, like the API's own errors. API Gateway fills in no status of its own in a body,
 * so each type with a fixed status names it, and the catch-all ones leave {@code status} out (RFC 9457 allows that).
 */
public final class ProblemGatewayResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Retry-After on throttling: API Gateway computes none, and its token bucket refills every second, so one second
     * is the shortest wait that can succeed.
     */
    public static final String THROTTLED_RETRY_AFTER = "1";

    /**
     * Retry-After when the daily quota is used up: the quota renews at 00:00 UTC, which a gateway response cannot
     * count down to, so a fixed hour: a client that waits it learns within the hour after renewal.
     */
    public static final String QUOTA_RETRY_AFTER = "3600";

    private static final String DETAIL = "$context.error.messageString";

    private ProblemGatewayResponses() {}

    /** Adds the gateway responses to {@code api}. */
    public static void addTo(RestApiBase api) {
        String bearer = "'Bearer'";
        add(
                api,
                ResponseType.UNAUTHORIZED,
                "401",
                Map.of("WWW-Authenticate", bearer),
                problem(
                        "Unauthorized",
                        401,
                        quoted("Send the API key as Authorization: Bearer <key> or as x-api-key: <key>")));
        // API Gateway answers 403 for a key that no usage plan of the stage knows; to the caller it is as good as no
        // key: 401.
        add(
                api,
                ResponseType.INVALID_API_KEY,
                "401",
                Map.of("WWW-Authenticate", bearer),
                problem("Unauthorized", 401, quoted("The API key is not one of this API's keys")));
        // The authorizer never denies (it allows or answers Unauthorized), and every path has a method: these two
        // keep API Gateway's 403 and only get the problem body.
        add(api, ResponseType.ACCESS_DENIED, null, Map.of(), problem("Forbidden", 403, DETAIL));
        add(api, ResponseType.MISSING_AUTHENTICATION_TOKEN, null, Map.of(), problem("Forbidden", 403, DETAIL));
        add(
                api,
                ResponseType.THROTTLED,
                "429",
                Map.of("Retry-After", "'" + THROTTLED_RETRY_AFTER + "'"),
                problem("Too many requests", 429, DETAIL));
        add(
                api,
                ResponseType.QUOTA_EXCEEDED,
                "429",
                Map.of("Retry-After", "'" + QUOTA_RETRY_AFTER + "'"),
                problem("Daily quota used up", 429, DETAIL));
        add(api, ResponseType.DEFAULT_4_XX, null, Map.of(), catchAll());
        add(api, ResponseType.DEFAULT_5_XX, null, Map.of(), catchAll());
    }

    private static void add(
            RestApiBase api, ResponseType type, String status, Map<String, String> headers, String template) {
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        responseHeaders.put("Content-Type", "'" + PROBLEM_JSON + "'");
        responseHeaders.putAll(headers);
        GatewayResponseOptions.Builder options = GatewayResponseOptions.builder()
                .type(type)
                .responseHeaders(responseHeaders)
                .templates(Map.of("application/json", template));
        if (status != null) {
            options.statusCode(status);
        }
        api.addGatewayResponse(type.getResponseType(), options.build());
    }

    private static String problem(String title, int status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":" + detail
                + "}";
    }

    /** The status varies, so the body leaves it out, and API Gateway's message is the title. */
    private static String catchAll() {
        return "{\"type\":\"about:blank\",\"title\":" + DETAIL + "}";
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
