package dev.tasksservice.api.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** Says at startup, in one block, where the API listens and whether a caller needs a key. */
final class AccessBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(AccessBanner.class);

    private final CallerAuthenticator authenticator;
    private final Environment environment;

    AccessBanner(CallerAuthenticator authenticator, Environment environment) {
        this.authenticator = authenticator;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info(text(event));
    }

    private String text(ApplicationReadyEvent event) {
        String access = authenticator.describe();
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)
                || web.getWebServer() == null
                || web.getWebServer().getPort() <= 0) {
            return "\n----\nTasks API: " + access + "\n----";
        }
        String address = environment.getProperty("server.address", "");
        String host = address.isBlank() ? "0.0.0.0" : address.contains(":") ? "[" + address + "]" : address;
        String url = "http://" + host + ":" + web.getWebServer().getPort();
        String exposure = AuthConfig.isLoopback(address)
                ? "reachable from this machine only (TASKS_LISTEN_ADDRESS exposes it; keys are then required)"
                : "reachable from other machines (TASKS_LISTEN_ADDRESS=" + (address.isBlank() ? "" : address) + ")";
        return "\n----\nTasks API on " + url + ", " + exposure + "\n" + capitalized(access) + "\n----";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
