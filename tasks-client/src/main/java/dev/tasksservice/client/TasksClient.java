package dev.tasksservice.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import tools.jackson.databind.JsonNode;

/**
 * A client of the Tasks REST API: schedule a task, read it, list the tasks in a status, change or cancel one that has
 * not begun to run, read its attempts.
 *
 * <pre>{@code
 * try (TasksClient tasks = TasksClient.of(URI.create("http://localhost:8080"))) {
 *     Task task = tasks.create(ScheduleRequest.after(Duration.ofMinutes(10)).withPayload("{\"orderId\":42}")).task();
 *     Task now = tasks.get(task.id());
 * }
 * }</pre>
 *
 * <p>The base URL is where {@code /tasks} lives; it may have a path, such as an API Gateway stage
 * ({@code https://{api}.execute-api.{region}.amazonaws.com/dev/}). An error answer is thrown as a
 * {@link TasksApiException} (or one of its subclasses); a call that gets no answer (nothing listens, a timeout) throws
 * {@link UncheckedIOException} with the {@link IOException} as its cause, an {@link InterruptedIOException} when the
 * calling thread was interrupted (its interrupt flag is set again). A client is safe for concurrent use; close it to
 * release its connections.
 */
public final class TasksClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final String ACCEPT = "application/json, application/problem+json";

    private final URI baseUrl;
    /** The base URL ending with a slash, so that the API's paths resolve below it. */
    private final String root;

    private final Duration requestTimeout;
    private final String apiKey;
    private final HttpClient http;

    private TasksClient(Builder builder) {
        String url = builder.baseUrl.toString();
        this.root = url.endsWith("/") ? url : url + "/";
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.requestTimeout = builder.requestTimeout;
        this.apiKey = builder.apiKey;
        // HTTP/1.1: over plain HTTP an attempt to upgrade to HTTP/2 only adds a round of headers to every call.
        HttpClient.Builder http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(builder.connectTimeout);
        if (builder.executor != null) {
            http.executor(builder.executor);
        }
        this.http = http.build();
    }

    /** A client of the API at {@code baseUrl}, with the default timeouts. */
    public static TasksClient of(URI baseUrl) {
        return builder(baseUrl).build();
    }

    /** A client of the API at {@code baseUrl}, such as {@code http://localhost:8080}. */
    public static TasksClient of(String baseUrl) {
        return of(URI.create(baseUrl));
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** The API's base URL, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code POST /tasks}: schedules a task. */
    public CreatedTask create(ScheduleRequest request) {
        return create(request, null);
    }

    /**
     * {@code POST /tasks} with an {@code Idempotency-Key}: a retry with the same key and the same request answers
     * with the task the first one created ({@link CreatedTask#replayed()}) and creates nothing; the same key with
     * another request throws {@link IdempotencyKeyReusedException}.
     *
     * @param idempotencyKey null to send none
     */
    public CreatedTask create(ScheduleRequest request, String idempotencyKey) {
        HttpRequest.Builder post = request(root + "tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJson()));
        if (idempotencyKey != null) {
            post.header(IDEMPOTENCY_KEY, idempotencyKey);
        }
        HttpResponse<String> response = send(post.build(), false);
        Task task = task(response);
        URI location = response.headers()
                .firstValue("Location")
                .map(URI.create(root)::resolve)
                .orElse(null);
        boolean replayed = response.headers()
                .firstValue(IDEMPOTENT_REPLAYED)
                .map(Boolean::parseBoolean)
                .orElse(false);
        return new CreatedTask(task, location, replayed);
    }

    /** {@code GET /tasks/{id}}; throws {@link TaskNotFoundException} when there is no such task. */
    public Task get(UUID id) {
        return get(id.toString());
    }

    /** {@code GET /tasks/{id}}; an id that is not a UUID names no task: {@link TaskNotFoundException}. */
    public Task get(String id) {
        return task(send(request(taskUrl(id)).GET().build(), true));
    }

    /**
     * {@code GET /tasks?status=&limit=&cursor=}: one page of the tasks in {@code status}, in the order they become due.
     *
     * @param limit 1 to 100 tasks a page
     * @param cursor the previous page's {@link TaskPage#nextCursor()}; null for the first page
     */
    public TaskPage list(TaskStatus status, int limit, String cursor) {
        return list(status == null ? null : status.name(), limit, cursor);
    }

    /**
     * As {@link #list(TaskStatus, int, String)}, with the status as text, as the API reads it.
     *
     * @param status null for the API's default, SCHEDULED
     */
    public TaskPage list(String status, int limit, String cursor) {
        List<String> query = new ArrayList<>();
        if (status != null) {
            query.add("status=" + URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        query.add("limit=" + limit);
        if (cursor != null) {
            query.add("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        HttpRequest request =
                request(root + "tasks?" + String.join("&", query)).GET().build();
        HttpResponse<String> response = send(request, false);
        JsonNode body = json(response, "a page of tasks");
        JsonNode items = body.get("items");
        if (items == null || !items.isArray()) {
            throw unreadable(response, "a page of tasks");
        }
        List<Task> tasks = new ArrayList<>(items.size());
        for (JsonNode item : items.values()) {
            tasks.add(task(response, item));
        }
        return new TaskPage(tasks, Json.text(body, "nextCursor"));
    }

    /**
     * {@code DELETE /tasks/{id}}: cancels a task that has not begun to run, and answers it, now CANCELLED. Throws
     * {@link TaskStatusConflictException} once it has begun to run or is final, {@link TaskNotFoundException} when
     * there is no such task.
     */
    public Task cancel(UUID id) {
        return cancel(id.toString());
    }

    /** As {@link #cancel(UUID)}, with the id as text. */
    public Task cancel(String id) {
        return task(send(request(taskUrl(id)).DELETE().build(), true));
    }

    /**
     * {@code PATCH /tasks/{id}}: changes a task that has not begun to run, and answers it, SCHEDULED again and one
     * version on. Throws {@link TaskStatusConflictException} once it has begun to run or is final, or when another
     * change won; {@link TaskVersionConflictException} when the request names a version
     * ({@link RescheduleRequest#ifVersion(long)}) the task is no longer at; {@link TaskNotFoundException} when there
     * is no such task; {@link InvalidTaskRequestException} when the change breaks a rule.
     */
    public Task reschedule(UUID id, RescheduleRequest request) {
        return reschedule(id.toString(), request);
    }

    /** As {@link #reschedule(UUID, RescheduleRequest)}, with the id as text. */
    public Task reschedule(String id, RescheduleRequest request) {
        HttpRequest.Builder patch = request(taskUrl(id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(request.toJson()));
        request.expectedVersion().ifPresent(version -> patch.header("If-Match", "\"" + version + "\""));
        return task(send(patch.build(), true));
    }

    /**
     * {@code GET /tasks/{id}/attempts}: the task's latest attempts (up to 20), oldest first; empty before the first.
     * Throws {@link TaskNotFoundException} when there is no such task.
     */
    public List<Attempt> attempts(UUID id) {
        return attempts(id.toString());
    }

    /** As {@link #attempts(UUID)}, with the id as text. */
    public List<Attempt> attempts(String id) {
        HttpResponse<String> response =
                send(request(taskUrl(id) + "/attempts").GET().build(), true);
        JsonNode body = json(response, "the attempts of a task");
        JsonNode attempts = body.get("attempts");
        if (attempts == null || !attempts.isArray()) {
            throw unreadable(response, "the attempts of a task");
        }
        List<Attempt> read = new ArrayList<>(attempts.size());
        try {
            for (JsonNode attempt : attempts.values()) {
                read.add(Attempt.fromJson(attempt));
            }
        } catch (RuntimeException e) {
            throw unreadable(response, "the attempts of a task (" + e.getMessage() + ")");
        }
        return List.copyOf(read);
    }

    @Override
    public void close() {
        http.close();
    }

    private String taskUrl(String id) {
        return root + "tasks/" + pathSegment(Objects.requireNonNull(id, "id"));
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).header("Accept", ACCEPT);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    /** Sends the request; an error answer is thrown as the matching exception. */
    private HttpResponse<String> send(HttpRequest request, boolean addressesTask) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(describe(request) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(describe(request) + " was interrupted");
            interrupted.initCause(e);
            throw new UncheckedIOException(interrupted);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String what = describe(request);
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String body = response.body();
        throw switch (status) {
            case 404 ->
                addressesTask
                        ? new TaskNotFoundException(what, status, contentType, body)
                        : new TasksApiException(what, status, contentType, body);
            case 409 -> new TaskStatusConflictException(what, status, contentType, body);
            case 412 -> new TaskVersionConflictException(what, status, contentType, body);
            case 422 -> {
                InvalidTaskRequestException refused = new InvalidTaskRequestException(what, status, contentType, body);
                yield IDEMPOTENCY_KEY.equals(refused.field())
                        ? new IdempotencyKeyReusedException(what, status, contentType, body)
                        : refused;
            }
            case 400, 413, 415 -> new InvalidTaskRequestException(what, status, contentType, body);
            default -> new TasksApiException(what, status, contentType, body);
        };
    }

    private static Task task(HttpResponse<String> response) {
        return task(response, json(response, "a task"));
    }

    private static Task task(HttpResponse<String> response, JsonNode json) {
        try {
            return Task.fromJson(json);
        } catch (RuntimeException e) {
            throw unreadable(response, "a task (" + e.getMessage() + ")");
        }
    }

    private static JsonNode json(HttpResponse<String> response, String what) {
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw unreadable(response, what);
    }

    private static TasksApiException unreadable(HttpResponse<String> response, String what) {
        return TasksApiException.unreadable(
                describe(response.request()),
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body(),
                what);
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }

    /** {@code value} as one path segment: everything but the unreserved characters percent-encoded. */
    private static String pathSegment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** Settings of a client; only the base URL is required. */
    public static final class Builder {

        private final URI baseUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Executor executor;
        private String apiKey;

        private Builder(URI baseUrl) {
            if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "the base URL must be an http(s) URL such as http://localhost:8080, got " + baseUrl);
            }
            this.baseUrl = baseUrl;
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long to wait for an answer to each call (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * The threads the underlying {@link HttpClient} runs on; give as many as calls are made at once. The caller
         * owns the executor and shuts it down after closing the client. Default: the HttpClient's own.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /** The API key, sent as {@code Authorization: Bearer <key>} with every call (default: none). */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank() || key.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("an API key is printable ASCII without spaces");
            }
            this.apiKey = key;
            return this;
        }

        public TasksClient build() {
            return new TasksClient(this);
        }
    }
}
