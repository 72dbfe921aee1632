package dev.tasksservice.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.ApiGatewayRequestIdentity;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import dev.tasksservice.api.auth.Authentication.Caller;
import dev.tasksservice.api.auth.Authentication.Refused;
import dev.tasksservice.domain.model.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiGatewayKeyAuthenticatorTest {

    private static final String LOCAL_KEY = "tsk_local";

    private final ApiGatewayKeyAuthenticator authenticator = new ApiGatewayKeyAuthenticator(new LocalKeyAuthenticator(
            new LocalKeyStore("ops:" + ApiKeyHash.of(LOCAL_KEY).hex(), null), false));

    @Test
    void behindApiGatewayTheTenantIsTheKeyId() {
        MockHttpServletRequest request = throughGateway("k7vq2m9x1b");

        assertThat(authenticator.authenticate(request)).isEqualTo(new Caller(new TenantId("k7vq2m9x1b"), true));
    }

    @Test
    void behindApiGatewayWithoutAKeyIdALocalKeyInTheHeadersCountsForNothing() {
        MockHttpServletRequest request = throughGateway(null);
        request.addHeader("x-api-key", LOCAL_KEY);

        assertThat(authenticator.authenticate(request)).isInstanceOf(Refused.class);
    }

    @Test
    void notThroughApiGatewayTheLocalKeysDecideAndNeverKeyless() {
        MockHttpServletRequest keyed = new MockHttpServletRequest("GET", "/tasks");
        keyed.addHeader("Authorization", "Bearer " + LOCAL_KEY);

        assertThat(authenticator.authenticate(keyed)).isEqualTo(new Caller(new TenantId("ops"), true));
        assertThat(authenticator.authenticate(new MockHttpServletRequest("GET", "/tasks")))
                .isInstanceOf(Refused.class);
    }

    private static MockHttpServletRequest throughGateway(String apiKeyId) {
        ApiGatewayRequestIdentity identity = new ApiGatewayRequestIdentity();
        identity.setApiKeyId(apiKeyId);
        AwsProxyRequestContext context = new AwsProxyRequestContext();
        context.setIdentity(identity);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tasks");
        request.setAttribute(RequestReader.API_GATEWAY_CONTEXT_PROPERTY, context);
        return request;
    }
}
