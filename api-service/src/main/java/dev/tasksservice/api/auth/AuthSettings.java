package dev.tasksservice.api.auth;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers are authenticated outside AWS, under {@code tasks.auth.*}; the environment variables bind to them by name
 * (see {@code tasks-api.properties}).
 *
 * @param keys {@code TASKS_API_KEYS}: {@code tenant:sha256hex} pairs separated by commas
 * @param keysFile {@code TASKS_API_KEYS_FILE}: lines {@code tenant sha256hex}; read again when it changes, and no keys
 *     when it does not exist (default {@code <LOCAL_DATA_DIR>/api-keys}, where {@code make api-key} writes)
 * @param allowKeyless {@code TASKS_ALLOW_KEYLESS}: whether a request without a key is served as the default tenant when
 *     the API listens on loopback only in the local profile; elsewhere keys are always required
 * @param rateLimit {@code TASKS_RATE_LIMIT}: requests a second each tenant with a key may make
 * @param rateBurst {@code TASKS_RATE_BURST}: requests each tenant with a key may make at once
 */
@ConfigurationProperties("tasks.auth")
record AuthSettings(
        @DefaultValue("") String keys,
        Path keysFile,
        @DefaultValue("true") boolean allowKeyless,
        @DefaultValue("50") int rateLimit,
        @DefaultValue("100") int rateBurst) {}
