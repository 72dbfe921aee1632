package dev.tasksservice.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tasks API over HTTP, as a client uses it. */
final class TasksHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    TasksHttp(int port) {
        this.baseUrl = "http://localhost:" + port + "/tasks";
    }

    JsonNode create(String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /tasks answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode get(String id) {
        return JSON.readTree(
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + id)).GET())
                        .body());
    }

    HttpResponse<String> delete(String id) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + id)).DELETE());
    }

    String status(String id) {
        return get(id).get("status").stringValue();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
