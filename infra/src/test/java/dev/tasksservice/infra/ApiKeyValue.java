package dev.tasksservice.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the value of a deployed API key as {@code aws apigateway get-api-key --include-value} does: API Gateway's
 * GetApiKey, {@code GET /apikeys/{id}?includeValue=true}, signed with Signature Version 4.
 */
final class ApiKeyValue {

    private ApiKeyValue() {}

    /** The value of the key {@code keyId} on the API Gateway at {@code endpoint}, with the emulator's credentials. */
    static String read(URI endpoint, String keyId) throws IOException, InterruptedException {
        String base = endpoint.toString().replaceAll("/+$", "");
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(
                        base + "/apikeys/" + URLEncoder.encode(keyId, StandardCharsets.UTF_8) + "?includeValue=true"))
                .putHeader("Accept", "application/json")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(sign -> sign.identity(AwsCredentialsIdentity.create("test", "test"))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, CdkLocalEnvironment.REGION));
        HttpRequest.Builder get = HttpRequest.newBuilder(signed.request().getUri())
                .timeout(Duration.ofSeconds(30))
                .GET();
        // The client sets Host itself, to the same value that was signed.
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> get.header(name, value));
            }
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "GetApiKey " + keyId + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode key = JsonMapper.builder().build().readTree(response.body());
            if (!key.path("value").isString()) {
                throw new AssertionError("GetApiKey " + keyId + " answered no value: " + response.body());
            }
            return key.get("value").asString();
        }
    }
}
