package dev.tasksservice.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * StartExecution and StopExecution on the Step Functions wire protocol (AWS JSON 1.0 over HTTP), on a free port:
 * enough of Step Functions for the workflow adapter, which no server runs here without Docker. It records every call
 * and keeps the executions it started, so a second start of a name answers ExecutionAlreadyExists, as Step Functions
 * does once the first execution has finished or when the input differs.
 */
public final class StepFunctionsServer implements AutoCloseable {

    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** One call as received, with the error it was answered with (null when it succeeded). */
    public record Call(String target, String body, String error) {

        public String field(String name) {
            return JsonFields.string(body, name)
                    .orElseThrow(() -> new AssertionError(target + " has no field " + name + ": " + body));
        }
    }

    private final HttpServer http;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> executionArns = ConcurrentHashMap.newKeySet();
    private volatile String errorForEveryCall;

    private StepFunctionsServer(HttpServer http) {
        this.http = http;
    }

    /** Starts a server on a free port; close it when done. */
    public static StepFunctionsServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StepFunctionsServer server = new StepFunctionsServer(http);
            http.createContext("/", server::handle);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Step Functions server", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + http.getAddress().getPort());
    }

    public SfnClient client() {
        return SfnClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Call lastCall() {
        return calls.getLast();
    }

    /** From now on every call fails with {@code errorType}, e.g. StateMachineDoesNotExist. */
    public void answerEveryCallWith(String errorType) {
        errorForEveryCall = errorType;
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                answer(exchange, 404, "{}");
                return;
            }
            Reply reply = reply(target.substring(TARGET_PREFIX.length()), body);
            calls.add(new Call(target, body, reply.error()));
            if (reply.error() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.error());
                answer(exchange, 400, "{\"__type\":\"" + reply.error() + "\",\"message\":\"" + reply.body() + "\"}");
            } else {
                answer(exchange, 200, reply.body());
            }
        }
    }

    /** A success body, or an error type and its message. */
    private record Reply(String body, String error) {}

    private Reply reply(String operation, String body) {
        if (errorForEveryCall != null) {
            return new Reply("answering every call with " + errorForEveryCall, errorForEveryCall);
        }
        return switch (operation) {
            case "StartExecution" -> startExecution(body);
            case "StopExecution" -> stopExecution(body);
            default -> new Reply("not served here: " + operation, "UnknownOperationException");
        };
    }

    private Reply startExecution(String body) {
        String stateMachineArn = JsonFields.string(body, "stateMachineArn").orElseThrow();
        String name = JsonFields.string(body, "name").orElseThrow();
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        if (!executionArns.add(executionArn)) {
            return new Reply("Execution Already Exists: '" + executionArn + "'", "ExecutionAlreadyExists");
        }
        return new Reply("{\"executionArn\":\"" + executionArn + "\",\"startDate\":1.7E9}", null);
    }

    private Reply stopExecution(String body) {
        String executionArn = JsonFields.string(body, "executionArn").orElseThrow();
        if (!executionArns.contains(executionArn)) {
            return new Reply("Execution Does Not Exist: '" + executionArn + "'", "ExecutionDoesNotExist");
        }
        return new Reply("{\"stopDate\":1.7E9}", null);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
