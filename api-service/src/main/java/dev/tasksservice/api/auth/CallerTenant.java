package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The tenant of the caller, as the authentication filter established it for this request. Controllers read it; only
 * the filter sets it.
 */
public final class CallerTenant {

    static final String ATTRIBUTE = CallerTenant.class.getName();

    private CallerTenant() {}

    /**
     * @throws IllegalStateException when no filter authenticated the request: a wiring fault, never a client's
     */
    public static TenantId of(HttpServletRequest request) {
        Object tenant = request.getAttribute(ATTRIBUTE);
        if (tenant instanceof TenantId id) {
            return id;
        }
        throw new IllegalStateException("The request reached a controller without an authenticated tenant");
    }

    static void set(HttpServletRequest request, TenantId tenant) {
        request.setAttribute(ATTRIBUTE, tenant);
    }
}
