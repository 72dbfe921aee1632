package dev.tasksservice.api.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code /actuator/health} for a caller without a key: the overall status alone, with the HTTP status the endpoint
 * itself would answer. Answered here rather than by the endpoint deciding from the request's principal, because behind
 * API Gateway the serverless container gives every request a principal of its own.
 */
final class AnonymousHealth {

    private final HealthEndpoint health;
    private final HttpCodeStatusMapper statusCodes;

    AnonymousHealth(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
        this.health = health;
        this.statusCodes = statusCodes;
    }

    void answer(HttpServletResponse response) throws IOException {
        Status status = health.health().getStatus();
        byte[] body = ("{\"status\":\"" + status.getCode() + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(statusCodes.getStatusCode(status));
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
