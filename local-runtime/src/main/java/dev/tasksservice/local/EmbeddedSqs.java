package dev.tasksservice.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, the SQS API served in this JVM. Its queues live in memory: the task table is the record of truth. */
final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static EmbeddedSqs start(int port) {
        int chosen = port == 0 ? freePort() : port;
        SQSRestServer server = SQSRestServerBuilder.withPort(chosen)
                .withInterface("localhost")
                // Queue URLs must name the port in use, not ElasticMQ's default.
                .withServerAddress(new NodeAddress("http", "localhost", chosen, ""))
                .start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot start the local SQS server on port " + chosen
                            + ": is it in use? Set TASKS_LOCAL_SQS_PORT to another port",
                    e);
        }
        return new EmbeddedSqs(server, URI.create("http://localhost:" + chosen));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the local SQS server", e);
        }
    }
}
