package dev.tasksservice.api.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Who may call the API. On AWS (profile {@code aws}) the API key API Gateway checked, always (the local keys for a
 * request that did not come through API Gateway). Elsewhere the local API keys; keyless calls only in profile {@code local} on an API that listens on loopback only ({@code
 * TASKS_LISTEN_ADDRESS}, default 127.0.0.1), unless {@code TASKS_ALLOW_KEYLESS=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthSettings.class)
class AuthConfig {

    /** Runs after the filters that answer malformed requests, and before any filter reads a body. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    CallerAuthenticator callerAuthenticator(AuthSettings settings, Environment environment) {
        LocalKeyStore keys = new LocalKeyStore(settings.keys(), settings.keysFile());
        if (environment.acceptsProfiles(Profiles.of("aws"))) {
            return new ApiGatewayKeyAuthenticator(new LocalKeyAuthenticator(keys, false));
        }
        String address = environment.getProperty("server.address", "");
        boolean loopback = isLoopback(address);
        boolean local = environment.acceptsProfiles(Profiles.of("local"));
        boolean keyless = local && loopback && settings.allowKeyless();
        if (!keyless && keys.keys().isEmpty()) {
            throw new IllegalStateException(why(address, loopback, local) + ", so it needs API keys, and none are"
                    + " configured: make one with `make api-key TENANT=<name>` (kept in "
                    + (settings.keysFile() == null ? "TASKS_API_KEYS_FILE" : settings.keysFile())
                    + ") or set TASKS_API_KEYS");
        }
        return new LocalKeyAuthenticator(keys, keyless);
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
            CallerAuthenticator authenticator,
            AuthSettings settings,
            Environment environment,
            HealthEndpoint health,
            ObjectProvider<HttpCodeStatusMapper> statusCodes) {
        // API Gateway's usage plans limit the rate on AWS.
        TenantRateLimits limits = environment.acceptsProfiles(Profiles.of("aws"))
                ? null
                : new TenantRateLimits(settings.rateLimit(), settings.rateBurst());
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(
                authenticator,
                limits,
                new AnonymousHealth(health, statusCodes.getIfAvailable(() -> HttpCodeStatusMapper.DEFAULT))));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    AccessBanner accessBanner(CallerAuthenticator authenticator, Environment environment) {
        return new AccessBanner(authenticator, environment);
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String why(String address, boolean loopback, boolean local) {
        if (!loopback) {
            return "TASKS_LISTEN_ADDRESS=" + (address.isBlank() ? "(every interface)" : address)
                    + " exposes the API beyond this machine";
        }
        if (!local) {
            return "Outside the local profile the API requires keys";
        }
        return "TASKS_ALLOW_KEYLESS=false turns keyless calls off";
    }
}
