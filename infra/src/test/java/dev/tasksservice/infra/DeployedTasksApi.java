package dev.tasksservice.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two calls the suite makes to the deployed REST API, over plain java.net.http. */
final class DeployedTasksApi {

    // API Gateway gives up on a Lambda after 29 s; an emulator may take longer on a Java cold start.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final HttpClient http;

    /** {@code baseUrl}: the stage's URL, without a trailing slash. */
    DeployedTasksApi(URI baseUrl) {
        this.baseUrl = baseUrl;
        // HTTP/1.1: the emulators serve plain HTTP, where an h2c upgrade attempt only adds a round of headers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** POST /tasks with {@code json}; the created task. */
    DeployedTask create(String json) throws IOException, InterruptedException {
        HttpRequest request = request("/tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return DeployedTask.from(bodyOf(http.send(request, HttpResponse.BodyHandlers.ofString()), 201));
    }

    /** GET /tasks/{id}. */
    DeployedTask get(String id) throws IOException, InterruptedException {
        HttpRequest request = request("/tasks/" + id).GET().build();
        return DeployedTask.from(bodyOf(http.send(request, HttpResponse.BodyHandlers.ofString()), 200));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private static JsonNode bodyOf(HttpResponse<String> response, int expectedStatus) throws IOException {
        if (response.statusCode() != expectedStatus) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
