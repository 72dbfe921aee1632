package dev.tasksservice.api.auth;

import dev.tasksservice.api.auth.Authentication.Caller;
import dev.tasksservice.api.auth.Authentication.Refused;
import dev.tasksservice.domain.model.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Authenticates by the local API keys. A request without a key is the {@link TenantId#DEFAULT default} tenant when
 * keyless calls are allowed (the API listens on loopback only, in the local profile), and refused otherwise; a request
 * with a key that is not one of ours is always refused.
 */
final class LocalKeyAuthenticator implements CallerAuthenticator {

    private final LocalKeyStore keys;
    private final boolean keylessAllowed;

    LocalKeyAuthenticator(LocalKeyStore keys, boolean keylessAllowed) {
        this.keys = keys;
        this.keylessAllowed = keylessAllowed;
    }

    @Override
    public Authentication authenticate(HttpServletRequest request) {
        Optional<String> key = PresentedKey.of(request);
        if (key.isEmpty()) {
            return keylessAllowed
                    ? new Caller(TenantId.DEFAULT, false)
                    : new Refused("This API needs a key: send Authorization: Bearer <key> or x-api-key: <key>");
        }
        return keys.tenantOf(key.get())
                .<Authentication>map(tenant -> new Caller(tenant, true))
                .orElseGet(() -> new Refused("The API key is not valid"));
    }

    boolean keylessAllowed() {
        return keylessAllowed;
    }

    @Override
    public String describe() {
        ApiKeys known = keys.keys();
        String configured = known.size() + " local API key(s) for tenant(s) " + known.tenants()
                + (keys.file() == null ? "" : " (key file: " + keys.file() + ")");
        return keylessAllowed
                ? "keyless calls allowed as tenant '" + TenantId.DEFAULT + "' (loopback only); " + configured
                : "API keys required; " + configured;
    }
}
