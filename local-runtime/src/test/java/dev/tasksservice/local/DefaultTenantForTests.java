package dev.tasksservice.local;

import dev.tasksservice.api.auth.CallerTenant;
import dev.tasksservice.domain.model.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that no authentication filter gave a tenant is the default tenant's, as a keyless call on loopback is.
 * Test classpath only (registered through {@code META-INF/spring/...AutoConfiguration.imports}): the tests here call
 * the runtime without keys.
 */
@AutoConfiguration
public class DefaultTenantForTests {

    // The request attribute CallerTenant reads.
    private static final String CALLER_TENANT = CallerTenant.class.getName();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> defaultTenantFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        if (request.getAttribute(CALLER_TENANT) == null) {
                            request.setAttribute(CALLER_TENANT, TenantId.DEFAULT);
                        }
                        chain.doFilter(request, response);
                    }
                });
        // After any authentication filter: what it set stands.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
