package dev.tasksservice.api.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The refusals of the authentication filter, as {@code application/problem+json} like every other error. */
final class AuthProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuthProblems() {}

    /** 401 with {@code WWW-Authenticate: Bearer}, so a client knows which credentials to send. */
    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    static void tooManyRequests(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                response,
                429,
                "Too many requests",
                "This API key is over its rate limit: retry in " + retryAfterSeconds + " s");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
