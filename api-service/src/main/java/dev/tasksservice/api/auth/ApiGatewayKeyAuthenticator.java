package dev.tasksservice.api.auth;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import dev.tasksservice.api.auth.Authentication.Caller;
import dev.tasksservice.api.auth.Authentication.Refused;
import dev.tasksservice.domain.model.TenantId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * On AWS the caller is the API key API Gateway checked: the tenant is the key's id, which the proxy event carries in
 * {@code requestContext.identity.apiKeyId}. API Gateway refuses a missing or unknown key before the function runs; a
 * request without a key id (a method deployed without a key requirement) is refused here too, never served keyless.
 *
 * <p>A request that did not come through API Gateway at all (profile {@code aws} run as a plain web server) is
 * authenticated by the local keys instead, still never keyless.
 */
final class ApiGatewayKeyAuthenticator implements CallerAuthenticator {

    private final CallerAuthenticator outsideLambda;

    /** @param outsideLambda the local keys, without keyless calls */
    ApiGatewayKeyAuthenticator(CallerAuthenticator outsideLambda) {
        this.outsideLambda = outsideLambda;
    }

    @Override
    public Authentication authenticate(HttpServletRequest request) {
        Object context = request.getAttribute(RequestReader.API_GATEWAY_CONTEXT_PROPERTY);
        if (context == null) {
            return outsideLambda.authenticate(request);
        }
        if (context instanceof AwsProxyRequestContext gateway
                && gateway.getIdentity() != null
                && gateway.getIdentity().getApiKeyId() != null
                && !gateway.getIdentity().getApiKeyId().isBlank()) {
            try {
                return new Caller(new TenantId(gateway.getIdentity().getApiKeyId()), true);
            } catch (IllegalArgumentException e) {
                return new Refused("The API key is not valid");
            }
        }
        return new Refused("This API needs a key: send Authorization: Bearer <key> or x-api-key: <key>");
    }

    @Override
    public String describe() {
        return "API keys required: the tenant is the id of the API Gateway API key (requestContext.identity.apiKeyId)";
    }
}
