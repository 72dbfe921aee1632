package dev.tasksservice.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The calls the checks make to the Tasks API: schedule a task, read it back, list the tasks in a status. */
final class TasksClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final ExecutorService executor;
    private final HttpClient http;

    /** {@code concurrency}: how many calls the caller makes at once, so the client's threads keep up. */
    TasksClient(URI baseUrl, int concurrency) {
        this.baseUrl = withoutTrailingSlash(baseUrl);
        this.executor = Executors.newFixedThreadPool(Math.max(1, concurrency), daemonThreads());
        // HTTP/1.1: the API serves plain HTTP, where an h2c upgrade attempt only adds a round of headers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(executor)
                .build();
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** POST /tasks; answers the created task and how long the call took. */
    Created create(String json) throws IOException, InterruptedException {
        HttpRequest request = request("/tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        return new Created(bodyOf(response, 201), latency);
    }

    /** GET /tasks/{id}. */
    JsonNode get(String id) throws IOException, InterruptedException {
        HttpRequest request = request("/tasks/" + id).GET().build();
        return bodyOf(http.send(request, HttpResponse.BodyHandlers.ofString()), 200);
    }

    /** GET /tasks?status=&limit=&cursor=: one page of the tasks in {@code status}; {@code cursor} null for the first. */
    Page list(String status, int limit, String cursor) throws IOException, InterruptedException {
        String query =
                "?status=" + encode(status) + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
        JsonNode body =
                bodyOf(http.send(request("/tasks" + query).GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
        JsonNode items = body.path("items");
        if (!items.isArray()) {
            throw new IOException("GET /tasks" + query + " answered without an items array: " + body);
        }
        List<JsonNode> tasks = new ArrayList<>(items.size());
        items.forEach(tasks::add);
        JsonNode next = body.get("nextCursor");
        return new Page(tasks, next == null || next.isNull() ? null : next.asString());
    }

    /** True when nothing listens at the API's address, as opposed to an API that answers badly. */
    static boolean isNoApi(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    @Override
    public void close() {
        http.close();
        executor.shutdownNow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
    }

    private JsonNode bodyOf(HttpResponse<String> response, int expectedStatus) throws IOException {
        if (response.statusCode() != expectedStatus) {
            throw new UnexpectedResponseException(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new IOException("not JSON from " + response.uri() + ": " + response.body(), e);
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ThreadFactory daemonThreads() {
        return Thread.ofPlatform().name("tasks-http-", 0).daemon().factory();
    }

    record Created(JsonNode task, Duration latency) {}

    /** One page of a listing; {@code nextCursor} is null on the last page. */
    record Page(List<JsonNode> items, String nextCursor) {}

    /** The API answered, but not with the status the call expects (for example 400 for a past timestamp). */
    static final class UnexpectedResponseException extends IOException {

        UnexpectedResponseException(HttpResponse<String> response) {
            super(response.request().method() + " " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
