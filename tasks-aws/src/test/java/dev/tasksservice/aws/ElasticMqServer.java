package dev.tasksservice.aws;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An ElasticMQ server (the SQS API, in memory, in this JVM) on a free port, one per test JVM, stopped when it exits. */
public final class ElasticMqServer {

    private static ElasticMqServer shared;

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMqServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized ElasticMqServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "elasticmq-stop"));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server, with the dummy credentials and region a local server accepts. */
    public SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static ElasticMqServer start() {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withPort(port)
                .withInterface("localhost")
                // Queue URLs name this server, not ElasticMQ's default port 9324.
                .withServerAddress(new NodeAddress("http", "localhost", port, ""))
                .start();
        server.waitUntilStarted();
        return new ElasticMqServer(server, URI.create("http://localhost:" + port));
    }

    private void stop() {
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for ElasticMQ", e);
        }
    }
}
