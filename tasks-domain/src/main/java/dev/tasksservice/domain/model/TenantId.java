package dev.tasksservice.domain.model;

import java.util.regex.Pattern;

/**
 * The client a task belongs to. On AWS it is the id of the API key that called; locally the name a key was issued for,
 * or {@link #DEFAULT} for the keyless calls a loopback-only runtime allows.
 *
 * @param value 1 to 128 characters: letters, digits, '.', '_' and '-'
 */
public record TenantId(String value) {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** The tenant of keyless calls on a runtime reachable only from this machine, and of tasks stored before tenants. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("A tenant is 1 to 128 letters, digits, '.', '_' or '-', got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
