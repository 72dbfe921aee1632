package dev.tasksservice.api.auth;

import jakarta.servlet.http.HttpServletRequest;

/** Says who is calling: by a local API key, or by the API key API Gateway checked. */
interface CallerAuthenticator {

    Authentication authenticate(HttpServletRequest request);

    /** One line for the startup banner: how callers are authenticated. */
    String describe();
}
