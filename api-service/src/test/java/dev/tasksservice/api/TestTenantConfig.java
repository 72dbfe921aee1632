package dev.tasksservice.api;

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
 * Lets a test call as the tenant it names in {@value #HEADER}. A request without the header keeps the tenant an
 * authentication filter gave it, or, when none did, is the default tenant's, as a keyless call on loopback is. Test
 * sources only (registered through {@code META-INF/spring/...AutoConfiguration.imports} on the test classpath): the
 * deployed API never reads the header.
 */
@AutoConfiguration
public class TestTenantConfig {

    public static final String HEADER = "X-Test-Tenant";

    // The request attribute CallerTenant reads.
    private static final String CALLER_TENANT = CallerTenant.class.getName();

    @Bean
    FilterRegistrationBean<TestTenantFilter> testTenantFilter() {
        FilterRegistrationBean<TestTenantFilter> registration = new FilterRegistrationBean<>(new TestTenantFilter());
        // After any authentication filter: the header decides over what it set.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    static final class TestTenantFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String named = request.getHeader(HEADER);
            if (named != null) {
                request.setAttribute(CALLER_TENANT, new TenantId(named));
            } else if (request.getAttribute(CALLER_TENANT) == null) {
                request.setAttribute(CALLER_TENANT, TenantId.DEFAULT);
            }
            chain.doFilter(request, response);
        }
    }
}
