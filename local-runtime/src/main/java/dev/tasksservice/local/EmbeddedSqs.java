package dev.tasksservice.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, the SQS API served in this JVM. Its queues live in memory: the task table is the record of truth. Or,
 * when runtimes share one queue, the endpoint of a server outside this JVM ({@link #external}), which closing leaves
 * running.
 */
final class EmbeddedSqs implements AutoCloseable {

    /** Null for a server outside this JVM. */
    private final SQSRestServer server;

    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * @param address the address to listen on: loopback unless the stores are exposed on purpose, since the server
     *     asks for no credentials
     */
    static EmbeddedSqs start(int port, String address) {
        int chosen = port == 0 ? freePort() : port;
        // ElasticMQ logs a failed bind and waits for ever; checking first turns a taken port into a clear failure.
        requireFree(chosen, address);
        SQSRestServer server = SQSRestServerBuilder.withPort(chosen)
                .withInterface(address)
                // Queue URLs must name the port in use, not ElasticMQ's default.
                .withServerAddress(new NodeAddress("http", "localhost", chosen, ""))
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, URI.create("http://localhost:" + chosen));
    }

    /** A server outside this JVM, at {@code endpoint}; this runtime neither starts nor stops it. */
    static EmbeddedSqs external(URI endpoint) {
        return new EmbeddedSqs(null, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    /** What every queue URL of the server on {@code port} begins with. */
    static String baseUrl(Object port) {
        return "http://localhost:" + port + "/";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stopAndWait();
        }
    }

    private static void requireFree(int port, String address) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port " + port + " of the local SQS server is in use: stop what listens there, or set"
                            + " TASKS_LOCAL_SQS_PORT to another port",
                    e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the local SQS server", e);
        }
    }
}
