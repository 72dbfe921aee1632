package dev.tasksservice.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the AWS usage a local runtime counted ({@code GET /local/aws-usage}); none from a deployed API. */
final class AwsUsageReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI usage;

    AwsUsageReader(URI apiUrl) {
        this.usage = apiUrl.resolve("/local/aws-usage");
    }

    /** The counts so far, or empty when the API counts none (not a local runtime) or does not answer. */
    Optional<Map<String, Long>> read() throws InterruptedException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(usage)
                    .timeout(Duration.ofSeconds(10))
                    .GET();
            String apiKey = EndToEndSettings.apiKey(System.getenv());
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readValue(response.body(), new TypeReference<Map<String, Long>>() {}));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
