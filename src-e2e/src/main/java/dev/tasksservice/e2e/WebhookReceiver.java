package dev.tasksservice.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint the bench's delivery scenario points its tasks at: a JDK HTTP server on 127.0.0.1 that answers 200 to
 * every request on a virtual thread of its own, and keeps when each delivery arrived, and which attempt it said it was
 * ({@code tasks-attempt}), per {@code webhook-id} (the task id). Arrival is taken as the request reaches its handler,
 * before the body is read.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/webhook";
    static final String ID_HEADER = "webhook-id";
    static final String ATTEMPT_HEADER = "tasks-attempt";

    /** Pending connections the server's socket queues, so a burst of a thousand connects is not refused. */
    private static final int BACKLOG = 2048;

    static {
        // The JDK's server keeps at most 200 idle connections and closes the others right after their response,
        // without saying so: a sender that pools a thousand connections would then reuse closed ones and see its
        // deliveries fail. Read once, when the first server of the JVM is made; a value already set stays.
        keepIfUnset("sun.net.httpserver.maxIdleConnections", "10000");
        keepIfUnset("sun.net.httpserver.idleInterval", "600");
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final Map<String, Queue<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger withoutId = new AtomicInteger();

    private WebhookReceiver(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.createContext(PATH, this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static WebhookReceiver start() throws IOException {
        return new WebhookReceiver(Clock.systemUTC());
    }

    /** Where tasks deliver to: {@code http://127.0.0.1:<port>/webhook}. */
    URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + PATH);
    }

    /** When each delivery of {@code webhookId} arrived, in arrival order; empty when none did. */
    List<Instant> arrivalsOf(String webhookId) {
        return deliveriesOf(webhookId).stream().map(Arrival::at).toList();
    }

    /** Each delivery of {@code webhookId}, in arrival order; empty when none came. */
    List<Arrival> deliveriesOf(String webhookId) {
        Queue<Arrival> seen = arrivals.get(webhookId);
        return seen == null ? List.of() : List.copyOf(seen);
    }

    /** How many deliveries arrived with a webhook-id, repeats included. */
    int count() {
        return arrivals.values().stream().mapToInt(Queue::size).sum();
    }

    /** Deliveries that came without a webhook-id header, which no task can be matched with. */
    int withoutId() {
        return withoutId.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = clock.instant();
        try (exchange) {
            String id = exchange.getRequestHeaders().getFirst(ID_HEADER);
            if (id == null) {
                withoutId.incrementAndGet();
            } else {
                arrivals.computeIfAbsent(id, key -> new ConcurrentLinkedQueue<>())
                        .add(new Arrival(
                                arrived, attempt(exchange.getRequestHeaders().getFirst(ATTEMPT_HEADER))));
            }
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static Integer attempt(String header) {
        try {
            return header == null ? null : Integer.valueOf(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void keepIfUnset(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** One delivery: when it arrived and the attempt number it carried (null without a readable header). */
    record Arrival(Instant at, Integer attempt) {}

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
