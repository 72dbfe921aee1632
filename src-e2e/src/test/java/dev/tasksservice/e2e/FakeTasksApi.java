package dev.tasksservice.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP stand-in for the Tasks API with the pipeline behaving in a chosen way, so the programs' verdicts can
 * be checked without the real service. Its tasks run by the clock: a GET after a task's run time shows it run.
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
        NEVER_RUNS
    }

    private final Behaviour behaviour;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, ObjectNode> tasks = new ConcurrentHashMap<>();

    private FakeTasksApi(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tasks", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeTasksApi start(Behaviour behaviour) throws IOException {
        return new FakeTasksApi(behaviour);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int created() {
        return tasks.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/tasks")) {
                create(exchange);
            } else if (exchange.getRequestMethod().equals("GET") && path.startsWith("/tasks/")) {
                read(exchange, path.substring("/tasks/".length()));
            } else {
                reply(exchange, 404, "{\"title\":\"Not Found\"}");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body =
                TasksClient.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant timestamp = body.has("timestamp")
                ? Instant.parse(body.get("timestamp").asString())
                : now.plusSeconds(body.path("seconds").asLong());
        if (!timestamp.isAfter(now)) {
            reply(exchange, 400, "{\"status\":400,\"field\":\"timestamp\",\"reason\":\"must be in the future\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        ObjectNode task = TasksClient.JSON
                .createObjectNode()
                .put("id", id)
                .put("status", "SCHEDULED")
                .put("timestamp", IsoTime.format(timestamp))
                .put("createdAt", IsoTime.format(now));
        if (body.has("payload")) {
            task.set("payload", body.get("payload"));
        }
        tasks.put(id, task);
        reply(exchange, 201, task.toString());
    }

    private void read(HttpExchange exchange, String id) throws IOException {
        ObjectNode task = tasks.get(id);
        if (task == null) {
            reply(exchange, 404, "{\"status\":404}");
            return;
        }
        reply(exchange, 200, asSeenNow(task).toString());
    }

    private ObjectNode asSeenNow(ObjectNode stored) {
        ObjectNode task = stored.deepCopy();
        Instant timestamp = Instant.parse(task.get("timestamp").asString());
        Instant runAt = switch (behaviour) {
            case ON_TIME, FAILS -> timestamp.plus(Duration.ofMillis(30));
            case EARLY -> timestamp.minus(Duration.ofMillis(100));
            case NEVER_RUNS -> Instant.MAX;
        };
        if (Instant.now().isBefore(runAt)) {
            return task;
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
