package dev.tasksservice.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The API key a request carries: {@code Authorization: Bearer <key>}, or else {@code x-api-key: <key>}. */
final class PresentedKey {

    static final String API_KEY_HEADER = "x-api-key";

    private static final String BEARER = "Bearer ";

    private PresentedKey() {}

    static Optional<String> of(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).strip();
            if (!key.isEmpty()) {
                return Optional.of(key);
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.strip());
        }
        return Optional.empty();
    }
}
