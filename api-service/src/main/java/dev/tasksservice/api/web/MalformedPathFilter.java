package dev.tasksservice.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose path holds a broken percent-escape ({@code %} not followed by two hex digits, as in
 * {@code /tasks/;a%}) with 400 problem+json. Tomcat passes such a path on when the escape sits in a path parameter,
 * and Spring's path parsing then fails with an exception that would otherwise surface as a server error.
 */
public class MalformedPathFilter extends OncePerRequestFilter {

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (uri != null && BROKEN_ESCAPE.matcher(uri).find()) {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                            + "\"detail\":\"path: holds a % that is not followed by two hex digits\","
                            + "\"field\":\"path\",\"reason\":\"holds a % that is not followed by two hex digits\"}")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }
}
