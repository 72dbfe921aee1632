package dev.tasksservice.infra.asdeployed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback URL that runs {@code action} each time it is called, answering once the action is done. */
final class CallbackServer implements AutoCloseable {

    private final HttpServer http;
    private final AtomicInteger calls = new AtomicInteger();

    private CallbackServer(HttpServer http) {
        this.http = http;
    }

    static CallbackServer start(Runnable action) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CallbackServer server = new CallbackServer(http);
            http.createContext("/", exchange -> {
                try (exchange) {
                    action.run();
                    server.calls.incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
