package dev.tasksservice.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP stand-in for the Tasks API with the pipeline behaving in a chosen way, so the programs' verdicts can
 * be checked where the real service cannot show it: a pipeline that never runs a task, runs it early, fails it or
 * cancels it, an API slow to create, listings of a few tasks a page. Its tasks run by its clock (the system's, or
 * one a test moves): a GET or a listing after a task's run time shows it run. A task with an HTTP target is also
 * POSTed there, with its id as {@code webhook-id}, at its run time (by the system clock), as often as the test says:
 * once, twice, or never. It counts the reads and listings it answers, and keeps when each listing came.
 */
final class FakeTasksApi implements AutoCloseable {

    enum Behaviour {
        /** Runs each task 30 ms after its timestamp. */
        ON_TIME,
        /** Runs each task 100 ms before its timestamp. */
        EARLY,
        /** Runs each task on time, and it fails. */
        FAILS,
        /** Leaves every task SCHEDULED, as the API does before the pipeline lands. */
        NEVER_RUNS,
        /** Cancels each task at its timestamp, so it never runs. */
        CANCELLED
    }

    /** One GET /tasks: when it came, the status it listed and the cursor it gave (null: the first page). */
    record Listing(Instant at, String status, String cursor) {}

    /** How long before its timestamp the API hands a task to the pipeline; its startExecutionAt is that much earlier. */
    private static final long LOOKAHEAD_SECONDS = 120;

    /** The most tasks on one page of a listing, whatever limit the request asks for (the API's largest is 100). */
    private static final int MAX_LIMIT = 100;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Behaviour behaviour;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger withTarget = new AtomicInteger();
    private final List<Listing> listings = new CopyOnWriteArrayList<>();
    private final int pageSize;
    private final Duration createDelay;
    private final Clock clock;
    private final int deliveries;
    private final ScheduledExecutorService deliverer = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();

    private FakeTasksApi(Behaviour behaviour, int pageSize, Duration createDelay, Clock clock, int deliveries)
            throws IOException {
        this.behaviour = behaviour;
        this.pageSize = pageSize;
        this.createDelay = createDelay;
        this.clock = clock;
        this.deliveries = deliveries;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tasks", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeTasksApi start(Behaviour behaviour) throws IOException {
        return new FakeTasksApi(behaviour, MAX_LIMIT, Duration.ZERO, Clock.systemUTC(), 1);
    }

    /** Tasks run by {@code clock}, which the test moves on. */
    static FakeTasksApi withClock(Behaviour behaviour, Clock clock) throws IOException {
        return new FakeTasksApi(behaviour, MAX_LIMIT, Duration.ZERO, clock, 1);
    }

    /**
     * Listing pages of at most {@code pageSize} tasks, whatever the limit asked, so a few tasks span pages; tasks run
     * by {@code clock}.
     */
    static FakeTasksApi withPageSize(Behaviour behaviour, int pageSize, Clock clock) throws IOException {
        return new FakeTasksApi(behaviour, pageSize, Duration.ZERO, clock, 1);
    }

    /** Listing pages of at most {@code pageSize} tasks, on the system clock. */
    static FakeTasksApi withPageSize(Behaviour behaviour, int pageSize) throws IOException {
        return withPageSize(behaviour, pageSize, Clock.systemUTC());
    }

    /** Every POST /tasks takes at least {@code createDelay}, as on an API that is slow to create. */
    static FakeTasksApi withSlowCreation(Behaviour behaviour, Duration createDelay) throws IOException {
        return new FakeTasksApi(behaviour, MAX_LIMIT, createDelay, Clock.systemUTC(), 1);
    }

    /** Each task with an HTTP target is delivered {@code times} times when it runs (0: never, though it completes). */
    static FakeTasksApi delivering(Behaviour behaviour, int times) throws IOException {
        return new FakeTasksApi(behaviour, MAX_LIMIT, Duration.ZERO, Clock.systemUTC(), times);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int created() {
        return tasks.size();
    }

    /** How many tasks were created with an HTTP target. */
    int createdWithTarget() {
        return withTarget.get();
    }

    /** How many GET /tasks/{id} it answered. */
    int reads() {
        return reads.get();
    }

    /** Every GET /tasks listing page asked for, in order. */
    List<Listing> listings() {
        return List.copyOf(listings);
    }

    /** Every task created so far, as stored: with its createdAt and payload, without its run. */
    List<ObjectNode> tasks() {
        return tasks.values().stream().map(ObjectNode::deepCopy).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        deliverer.shutdownNow();
        http.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/tasks")) {
                create(exchange);
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/tasks/")) {
                read(exchange, path.substring("/tasks/".length()));
            } else if (exchange.getRequestMethod().equals("GET") && path.equals("/tasks")) {
                list(exchange);
            } else {
                reply(exchange, 404, "{\"title\":\"Not Found\"}");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        if (createDelay.isPositive()) {
            try {
                Thread.sleep(createDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant timestamp = body.has("timestamp")
                ? Instant.parse(body.get("timestamp").asString())
                : now.plusSeconds(body.path("seconds").asLong());
        if (!timestamp.isAfter(now)) {
            reply(exchange, 400, "{\"status\":400,\"field\":\"timestamp\",\"reason\":\"must be in the future\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        ObjectNode task = JSON.createObjectNode()
                .put("id", id)
                .put("status", "SCHEDULED")
                .put("timestamp", IsoTime.format(timestamp))
                .put("startExecutionAt", timestamp.getEpochSecond() - LOOKAHEAD_SECONDS)
                .put("createdAt", IsoTime.format(now));
        if (body.has("payload")) {
            task.set("payload", body.get("payload"));
        }
        tasks.put(id, task);
        if (body.path("target").has("url")) {
            withTarget.incrementAndGet();
            scheduleDeliveries(id, URI.create(body.path("target").get("url").asString()), runAt(timestamp));
        }
        reply(exchange, 201, task.toString());
    }

    private void read(HttpExchange exchange, String id) throws IOException {
        reads.incrementAndGet();
        ObjectNode task = tasks.get(id);
        if (task == null) {
            reply(exchange, 404, "{\"status\":404}");
            return;
        }
        reply(exchange, 200, asSeenNow(task).toString());
    }

    /**
     * The tasks in one status, as seen now, as the API lists them: by startExecutionAt, then id; the cursor is the
     * position of the last task of the page, and the next page starts strictly after it.
     */
    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String status = query.getOrDefault("status", "SCHEDULED");
        String cursor = query.get("cursor");
        listings.add(new Listing(clock.instant(), status, cursor));
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        if (limit < 1 || limit > MAX_LIMIT) {
            reply(exchange, 400, "{\"status\":400,\"field\":\"limit\",\"reason\":\"must be from 1 to 100\"}");
            return;
        }
        List<ObjectNode> page = tasks.values().stream()
                .map(this::asSeenNow)
                .filter(task -> task.get("status").asString().equals(status))
                .filter(task -> cursor == null || position(task).compareTo(cursor) > 0)
                .sorted(Comparator.comparing(FakeTasksApi::position))
                .limit(Math.min(limit, pageSize) + 1L)
                .toList();
        int size = Math.min(page.size(), Math.min(limit, pageSize));
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.subList(0, size).forEach(items::add);
        body.put("nextCursor", page.size() > size ? position(page.get(size - 1)) : null);
        reply(exchange, 200, body.toString());
    }

    /** A task's place in a listing, as text that sorts in the same order (startExecutionAt is positive, 12 digits). */
    private static String position(ObjectNode task) {
        return "%012d|%s"
                .formatted(task.get("startExecutionAt").asLong(), task.get("id").asString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private Instant runAt(Instant timestamp) {
        return switch (behaviour) {
            case ON_TIME, FAILS -> timestamp.plus(Duration.ofMillis(30));
            case EARLY -> timestamp.minus(Duration.ofMillis(100));
            case NEVER_RUNS -> Instant.MAX;
            case CANCELLED -> timestamp;
        };
    }

    /** Delivers a task that runs (ON_TIME or EARLY) to {@code url} at {@code runAt}, {@code deliveries} times. */
    private void scheduleDeliveries(String id, URI url, Instant runAt) {
        if (behaviour != Behaviour.ON_TIME && behaviour != Behaviour.EARLY) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), runAt).toMillis());
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("webhook-id", id)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        for (int i = 0; i < deliveries; i++) {
            deliverer.schedule(
                    () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()),
                    delay,
                    TimeUnit.MILLISECONDS);
        }
    }

    private ObjectNode asSeenNow(ObjectNode stored) {
        ObjectNode task = stored.deepCopy();
        Instant timestamp = Instant.parse(task.get("timestamp").asString());
        Instant runAt = runAt(timestamp);
        if (clock.instant().isBefore(runAt)) {
            return task;
        }
        if (behaviour == Behaviour.CANCELLED) {
            return task.put("status", "CANCELLED");
        }
        task.put("executedAt", IsoTime.format(runAt)).put("attempts", 1);
        if (behaviour == Behaviour.FAILS) {
            return task.put("status", "FAILED").put("error", "boom");
        }
        return task.put("status", "COMPLETED");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }
}
