package dev.tasksservice.infra;

import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RequestAuthorizer;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * A REQUEST authorizer that reads the caller's API key from either {@code Authorization: Bearer <key>} or
 * {@code x-api-key: <key>} and returns it as the usage identifier key; with the REST API's key source
 * {@code AUTHORIZER}, API Gateway then checks the key against the usage plans and throttles by its plan. The function
 * knows no keys and calls no AWS API. It is a few lines of Node.js, inline in the template, so it starts in
 * milliseconds where a JVM would take seconds.
 *
 * <p>No identity sources, and no caching: API Gateway refuses a request that lacks any identity source before calling
 * the authorizer, so naming both headers would require both, and naming one would refuse the other form. Without
 * identity sources there is no cache key, so results cannot be cached; API Gateway still checks the key itself on
 * every request. Each request is one call of a few milliseconds.
 */
public class ApiKeyAuthorizer extends Construct {

    /** The authorizer's code, as the template carries it. */
    static final String SOURCE = "authorizer/api-key-authorizer.js";

    private final Function function;
    private final RequestAuthorizer authorizer;

    public ApiKeyAuthorizer(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        function = InlineNodeFunction.create(this, names, SOURCE, 128, Duration.seconds(3));
        authorizer = RequestAuthorizer.Builder.create(this, "Authorizer")
                .authorizerName(names.apiKeyAuthorizer())
                .handler(function)
                .identitySources(List.of())
                .resultsCacheTtl(Duration.seconds(0))
                .build();
        // CDK writes the empty list as an empty string; without caching the property is optional, so leave it out.
        ((CfnResource) authorizer.getNode().getDefaultChild()).addPropertyDeletionOverride("IdentitySource");
    }

    public RequestAuthorizer authorizer() {
        return authorizer;
    }

    public Function function() {
        return function;
    }
}
