package dev.tasksservice.api.auth;

import dev.tasksservice.domain.model.TenantId;
import java.security.Principal;

/** The authenticated caller as the servlet API sees it, so that the health endpoint shows its details to it. */
record TenantPrincipal(TenantId tenant) implements Principal {

    @Override
    public String getName() {
        return tenant.value();
    }
}
