package dev.tasksservice.aws.spring;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/** AWS clients with Spring Cloud AWS's credentials and region, and the call timeouts ({@link AwsCallTimeouts}). */
public final class AwsClients {

    private AwsClients() {}

    /**
     * A client at {@code endpoint} when one is configured; otherwise the SDK's own, which honours
     * {@code AWS_ENDPOINT_URL_<SERVICE>}.
     */
    public static <B extends AwsClientBuilder<B, C>, C> C build(
            B builder, AwsCredentialsProvider credentials, AwsRegionProvider region, String endpoint) {
        builder.credentialsProvider(credentials)
                .region(region.getRegion())
                .overrideConfiguration(AwsCallTimeouts.applyTo(builder.overrideConfiguration()));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
