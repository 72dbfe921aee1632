package dev.tasksservice.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP to a running API, for what the typed client ({@code dev.tasksservice.client.TasksClient}) cannot send:
 * malformed bodies, other content types, a body without a declared length, a wrong method, malformed headers, and the
 * endpoints that are not the tasks API (health, OpenAPI).
 */
final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    RawHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    Reply post(String path, String json, String... headers) {
        return postAs(path, "application/json", json, headers);
    }

    /** A POST whose body is sent in chunks, with no Content-Length. */
    Reply postChunked(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    Reply postAs(String path, String contentType, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply patch(String path, String json, String... headers) {
        return patchAs(path, "application/json", json, headers);
    }

    Reply patchAs(String path, String contentType, String body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Reply delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status() + " " + response.body();
        }
    }
}
