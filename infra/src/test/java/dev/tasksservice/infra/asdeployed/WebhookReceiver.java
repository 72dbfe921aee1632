package dev.tasksservice.infra.asdeployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback, where a test's tasks are delivered: each path answers with the statuses it was told,
 * in turn (the last one from then on), and every request is kept as it arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    /**
     * A request as it arrived.
     *
     * @param headers by lower-case name
     */
    record Request(String path, String method, Map<String, String> headers, String body, Instant receivedAt) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer http;
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer http) {
        this.http = http;
    }

    static WebhookReceiver start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(http);
            http.createContext("/", receiver::receive);
            http.start();
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "stop-webhook-receiver"));
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of {@code path} (such as {@code /orders}), which answers {@code statuses} in turn. */
    String url(String path, int... statuses) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int status : statuses) {
            queue.add(status);
        }
        answers.put(path, queue);
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    /** The requests that reached {@code path}, in the order they arrived. */
    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestMethod(), headers, body, at));
            exchange.sendResponseHeaders(answer(path), -1);
        }
    }

    private int answer(String path) {
        Deque<Integer> queue = answers.get(path);
        if (queue == null) {
            return 404;
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.getFirst();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
