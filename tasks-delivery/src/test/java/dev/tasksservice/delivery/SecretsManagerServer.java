package dev.tasksservice.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A small stand-in for AWS Secrets Manager on 127.0.0.1: the JSON protocol ({@code X-Amz-Target:
 * secretsmanager.<Operation>}) for GetSecretValue, CreateSecret and PutSecretValue, secrets kept in memory. A secret
 * is found by its name or its ARN. No signature is checked. Start one per test class; close it when done.
 */
public final class SecretsManagerServer implements AutoCloseable {

    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

    /** A stored secret: its text, or its bytes. */
    private record Secret(String name, String arn, String text, byte[] binary, String versionId) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();

    private SecretsManagerServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free port of 127.0.0.1. */
    public static SecretsManagerServer start() {
        return new SecretsManagerServer();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client for this server: region us-east-1, dummy credentials. */
    public SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Stores {@code text} as the current value of secret {@code name}; answers the secret's ARN. */
    public String putSecret(String name, String text) {
        return store(name, text, null).arn();
    }

    /** Stores {@code bytes} as the current value of secret {@code name}, with no text; answers the secret's ARN. */
    public String putBinarySecret(String name, byte[] bytes) {
        return store(name, null, bytes.clone()).arn();
    }

    /** The current text of the secret named {@code nameOrArn}, as a client last stored it. */
    public Optional<String> secretString(String nameOrArn) {
        return find(nameOrArn).map(Secret::text);
    }

    /** The operations called, in order: {@code GetSecretValue}, ... */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Secret store(String name, String text, byte[] binary) {
        Secret previous = secrets.get(name);
        String arn = previous != null ? previous.arn() : ARN_PREFIX + name + "-" + randomSuffix();
        Secret secret = new Secret(name, arn, text, binary, UUID.randomUUID().toString());
        secrets.put(name, secret);
        return secret;
    }

    private Optional<Secret> find(String nameOrArn) {
        if (nameOrArn == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(secrets.get(nameOrArn))
                .or(() -> secrets.values().stream()
                        .filter(secret -> secret.arn().equals(nameOrArn))
                        .findFirst());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            operations.add(operation);
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JsonNode.parser().parse(in);
            }
            switch (operation) {
                case "GetSecretValue" -> getSecretValue(exchange, request);
                case "CreateSecret" -> createSecret(exchange, request);
                case "PutSecretValue" -> putSecretValue(exchange, request);
                default -> error(exchange, "UnknownOperationException", "Not served here: " + target);
            }
        }
    }

    private void getSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Secret> found = find(text(request, "SecretId"));
        if (found.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        Secret secret = found.get();
        String value = secret.text() != null
                ? "\"SecretString\":" + json(secret.text())
                : "\"SecretBinary\":" + json(Base64.getEncoder().encodeToString(secret.binary()));
        respond(
                exchange,
                200,
                "{\"ARN\":" + json(secret.arn()) + ",\"Name\":" + json(secret.name()) + ",\"VersionId\":"
                        + json(secret.versionId()) + ",\"VersionStages\":[\"AWSCURRENT\"]," + value
                        + ",\"CreatedDate\":" + System.currentTimeMillis() / 1000 + "}");
    }

    private void createSecret(HttpExchange exchange, JsonNode request) throws IOException {
        String name = text(request, "Name");
        if (name == null || secrets.containsKey(name)) {
            error(exchange, "ResourceExistsException", "The operation failed because the secret already exists.");
            return;
        }
        written(exchange, store(name, text(request, "SecretString"), null));
    }

    private void putSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
        Optional<Secret> found = find(text(request, "SecretId"));
        if (found.isEmpty()) {
            error(exchange, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }
        written(exchange, store(found.get().name(), text(request, "SecretString"), null));
    }

    private static void written(HttpExchange exchange, Secret secret) throws IOException {
        respond(
                exchange,
                200,
                "{\"ARN\":" + json(secret.arn()) + ",\"Name\":" + json(secret.name()) + ",\"VersionId\":"
                        + json(secret.versionId()) + "}");
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        respond(exchange, 400, "{\"__type\":" + json(type) + ",\"Message\":" + json(message) + "}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String text(JsonNode request, String field) {
        return request.field(field)
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse(null);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
