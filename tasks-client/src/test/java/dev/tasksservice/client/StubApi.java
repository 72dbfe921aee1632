package dev.tasksservice.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** An HTTP server on loopback that answers every request with the answer set last, and keeps the request. */
final class StubApi implements AutoCloseable {

    /** A request as the server received it. */
    record Received(String method, URI uri, Headers headers, String body) {}

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(500, null, "", Map.of()));
    private final AtomicReference<Received> received = new AtomicReference<>();

    StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                received.set(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        exchange.getRequestHeaders(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Answer reply = answer.get();
                if (reply.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                }
                reply.headers().forEach(exchange.getResponseHeaders()::set);
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(bytes);
                }
            }
        });
        server.start();
    }

    /** The server's root, with {@code path} (such as {@code /dev/}) appended. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    StubApi answer(int status, String contentType, String body, Map<String, String> headers) {
        answer.set(new Answer(status, contentType, body, headers));
        return this;
    }

    StubApi answer(int status, String contentType, String body) {
        return answer(status, contentType, body, Map.of());
    }

    Received received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
