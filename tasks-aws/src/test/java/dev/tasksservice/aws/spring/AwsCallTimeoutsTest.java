package dev.tasksservice.aws.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsCallTimeoutsTest {

    @Test
    void theDynamoDbClientOfEveryRuntimeGivesUpOnACallAfterTheBounds() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointOverride(URI.create("http://127.0.0.1:1"));

        new TasksAwsAutoConfiguration().dynamoDbCallTimeouts().customize(builder);

        try (DynamoDbClient client = builder.build()) {
            ClientOverrideConfiguration configuration =
                    client.serviceClientConfiguration().overrideConfiguration();
            assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(10));
            assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(30));
        }
    }

    @Test
    void theOtherClientsOfEveryRuntimeHaveTheSameBounds() {
        try (SqsClient client = AwsClients.build(
                SqsClient.builder(),
                AnonymousCredentialsProvider.create(),
                () -> Region.US_EAST_1,
                "http://127.0.0.1:1")) {
            ClientOverrideConfiguration configuration =
                    client.serviceClientConfiguration().overrideConfiguration();
            assertThat(configuration.apiCallAttemptTimeout()).contains(AwsCallTimeouts.ATTEMPT);
            assertThat(configuration.apiCallTimeout()).contains(AwsCallTimeouts.CALL);
        }
    }

    @Test
    void theBoundsKeepWhatElseTheClientWasConfiguredWith() {
        ExecutionInterceptor interceptor = new ExecutionInterceptor() {};
        ClientOverrideConfiguration configured = ClientOverrideConfiguration.builder()
                .addExecutionInterceptor(interceptor)
                .putHeader("x-tenant-trace", "on")
                .build();

        ClientOverrideConfiguration bounded = AwsCallTimeouts.applyTo(configured);

        assertThat(bounded.executionInterceptors()).containsExactly(interceptor);
        assertThat(bounded.headers()).containsEntry("x-tenant-trace", java.util.List.of("on"));
        assertThat(bounded.apiCallTimeout()).contains(AwsCallTimeouts.CALL);
    }
}
