package dev.tasksservice.local.usage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each API request that changes tasks as deployed it would be: an API Gateway request, a call of the key
 * authorizer and an invocation of the API function lasting as long as the request took here. Reads (GET, HEAD) are
 * counted apart, as many as a client chooses to make (the bench's own polling among them), so they are no task's cost.
 * The local runtime's own paths (its usage, the actuator) have no deployed counterpart and are not counted.
 */
public final class ApiRequestUsage extends OncePerRequestFilter {

    /** The API function, as counted. */
    public static final String API_FUNCTION = "api";

    /** The API key authorizer (Node.js, a few milliseconds a call), as counted. */
    public static final String AUTHORIZER_FUNCTION = "apiKeyAuthorizer";

    private final AwsUsage usage;

    public ApiRequestUsage(AwsUsage usage) {
        this.usage = usage;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith(AwsUsageController.PATH) || path.startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (isRead(request.getMethod())) {
                usage.add(AwsUsage.API_READ_REQUESTS, 1);
            } else {
                usage.add(AwsUsage.API_REQUESTS, 1);
                usage.invoked(AUTHORIZER_FUNCTION, 1);
                usage.invoked(API_FUNCTION, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
