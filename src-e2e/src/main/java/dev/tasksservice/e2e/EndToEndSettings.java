package dev.tasksservice.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** What EndToEnd checks against, from the environment. */
record EndToEndSettings(URI apiUrl, Duration delay, Duration slack) {

    static final String DEFAULT_API_URL = "http://localhost:8080";

    static EndToEndSettings fromEnv(Map<String, String> env) {
        return new EndToEndSettings(
                apiUrl(env),
                Duration.ofSeconds(seconds(env, "E2E_DELAY_SECONDS", 65, 1)),
                Duration.ofSeconds(seconds(env, "E2E_TIMEOUT_SLACK_SECONDS", 10, 0)));
    }

    static URI apiUrl(Map<String, String> env) {
        String value = env.getOrDefault("API_URL", "").isBlank() ? DEFAULT_API_URL : env.get("API_URL");
        URI uri = URI.create(value.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "API_URL must be an http(s) URL such as " + DEFAULT_API_URL + ", got '" + value + "'");
        }
        return uri;
    }

    /**
     * The API key to send ({@code API_KEY}), or null to send none: a deployed stage requires one, a local runtime on
     * loopback does not.
     */
    static String apiKey(Map<String, String> env) {
        String value = env.get("API_KEY");
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static long seconds(Map<String, String> env, String name, long fallback, long minimum) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, got '" + value + "'");
        }
    }
}
