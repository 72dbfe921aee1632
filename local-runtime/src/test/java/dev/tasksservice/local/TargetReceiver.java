package dev.tasksservice.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The HTTP targets of the local runtime's tests: a JDK HTTP server on 127.0.0.1, shared by the tests of the JVM (each
 * names its own path), that keeps every request it receives with when it arrived, and answers each path as the test
 * scripted it: the given statuses in turn, the last one from then on; 200 when nothing was scripted.
 */
final class TargetReceiver {

    /** One request as it arrived. */
    record Received(Instant at, String path, Map<String, String> headers, String body) {

        /** A header's first value, by its name in any case; null when absent. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One scripted answer: a status and, optionally, a Retry-After in seconds. */
    record Answer(int status, Integer retryAfterSeconds) {

        static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    private static final TargetReceiver SHARED = start();

    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

    private TargetReceiver(HttpServer server) {
        this.server = server;
    }

    static TargetReceiver shared() {
        return SHARED;
    }

    private static TargetReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            TargetReceiver receiver = new TargetReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh path of this receiver, for one test. */
    URI newUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + UUID.randomUUID());
    }

    /** Answers the requests to {@code url} with {@code answers} in turn, the last one from then on. */
    void script(URI url, Answer... answers) {
        scripts.put(url.getPath(), new ArrayDeque<>(List.of(answers)));
    }

    /** The requests that carried {@code webhook-id: <taskId>}, in arrival order. */
    List<Received> deliveriesOf(UUID taskId) {
        return received.stream()
                .filter(request -> taskId.toString().equals(request.header("webhook-id")))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        try (exchange) {
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(at, path, Map.copyOf(headers), body));
            Answer answer = next(path);
            if (answer.retryAfterSeconds() != null) {
                exchange.getResponseHeaders()
                        .set("Retry-After", answer.retryAfterSeconds().toString());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    private Answer next(String path) {
        Deque<Answer> script = scripts.get(path);
        if (script == null) {
            return Answer.of(200);
        }
        synchronized (script) {
            return script.size() > 1 ? script.removeFirst() : script.getFirst();
        }
    }
}
