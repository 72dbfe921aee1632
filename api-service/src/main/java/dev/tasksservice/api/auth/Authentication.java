package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;

/** What an {@link CallerAuthenticator} made of a request: a caller, or a refusal with the reason the client is told. */
sealed interface Authentication {

    /**
     * @param tenant whose tasks the request reaches
     * @param keyed whether the caller presented a key (rather than being allowed in keyless); keyed callers are the
     *     ones the local rate limit applies to
     */
    record Caller(TenantId tenant, boolean keyed) implements Authentication {}

    /** @param detail what the client did wrong, without repeating what it sent */
    record Refused(String detail) implements Authentication {}
}
