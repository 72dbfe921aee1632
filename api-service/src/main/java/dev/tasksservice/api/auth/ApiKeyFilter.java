package dev.tasksservice.api.auth;

import dev.tasksservice.api.auth.Authentication.Caller;
import dev.tasksservice.api.auth.Authentication.Refused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request before the API sees it: an unauthenticated request gets 401 and a caller over its rate
 * limit 429, both as problem+json. The caller's tenant is then {@link CallerTenant#of the request's}, and its
 * principal the request's user principal.
 *
 * <p>Open to all: {@code /actuator/health}, whose overall status alone a caller without a key gets (a liveness check
 * needs no key; the components are for callers the API knows), the API's documentation ({@code /v3/api-docs},
 * {@code /swagger-ui}) where it is enabled, and the files of the web page ({@link #PAGE_FILES}), which hold no data:
 * every call the page makes carries the key its user gives.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private static final String HEALTH = "/actuator/health";

    /** The web page's static files, by their exact paths; {@code /} is its index. */
    private static final Set<String> PAGE_FILES = Set.of("/", "/index.html", "/page.js", "/page.css");

    private final CallerAuthenticator authenticator;
    private final TenantRateLimits rateLimits;
    private final AnonymousHealth anonymousHealth;

    /** @param rateLimits null for no limit here (on AWS, API Gateway's usage plans limit) */
    ApiKeyFilter(CallerAuthenticator authenticator, TenantRateLimits rateLimits, AnonymousHealth anonymousHealth) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.anonymousHealth = anonymousHealth;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = pathOf(request);
        Authentication authentication = authenticator.authenticate(request);
        if (authentication instanceof Refused && path.equals(HEALTH)) {
            anonymousHealth.answer(response);
            return;
        }
        if (isDocumentation(path) || isPageFile(request, path)) {
            chain.doFilter(
                    authentication instanceof Caller caller ? authenticated(request, caller) : request, response);
            return;
        }
        switch (authentication) {
            case Refused refused -> {
                log.debug("Refused {} {}: {}", request.getMethod(), path, refused.detail());
                AuthProblems.unauthorized(response, refused.detail());
            }
            case Caller caller -> {
                long wait = caller.keyed() && rateLimits != null ? rateLimits.secondsToWait(caller.tenant()) : 0;
                if (wait > 0) {
                    log.debug("Tenant {} is over its rate limit: retry in {} s", caller.tenant(), wait);
                    AuthProblems.tooManyRequests(response, wait);
                    return;
                }
                MDC.put("tenant", caller.tenant().value());
                try {
                    chain.doFilter(authenticated(request, caller), response);
                } finally {
                    MDC.remove("tenant");
                }
            }
        }
    }

    private static HttpServletRequest authenticated(HttpServletRequest request, Caller caller) {
        CallerTenant.set(request, caller.tenant());
        Principal principal = new TenantPrincipal(caller.tenant());
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return principal.getName();
            }
        };
    }

    /** A path that might be read as another one (dot segments, path parameters, escapes) is never documentation. */
    private static boolean isDocumentation(String path) {
        if (path.contains("..") || path.contains(";") || path.contains("%") || path.contains("//")) {
            return false;
        }
        return path.equals("/v3/api-docs")
                || path.startsWith("/v3/api-docs/")
                || path.equals("/v3/api-docs.yaml")
                || path.equals("/swagger-ui.html")
                || path.startsWith("/swagger-ui/");
    }

    /** Read only: a page file is open to GET and HEAD, and any other method on it needs a key as anywhere else. */
    private static boolean isPageFile(HttpServletRequest request, String path) {
        String method = request.getMethod();
        return PAGE_FILES.contains(path) && ("GET".equals(method) || "HEAD".equals(method));
    }

    /** The path within the application: behind API Gateway the stage is the context path. */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
