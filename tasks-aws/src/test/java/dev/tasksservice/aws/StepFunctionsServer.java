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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * StartExecution, DescribeExecution and StopExecution on the Step Functions wire protocol (AWS JSON 1.0 over HTTP), on
 * a free port: enough of Step Functions for the workflow adapter, which no server runs here without Docker. It records
 * every call and keeps the executions it started with their status. As Step Functions does, a second start of a name
 * succeeds while that execution runs with the same input, and answers ExecutionAlreadyExists once it has closed or
 * when the input differs; and as it does, it refuses an execution name longer than 80 characters or holding a
 * character Step Functions does not allow in names (InvalidName). Executions never end by themselves: a test closes
 * them ({@link #close(String, String)}).
 */
public final class StepFunctionsServer implements AutoCloseable {

    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final int MAX_NAME_LENGTH = 80;
    // What Step Functions refuses in an execution name: whitespace, brackets, wildcards, special and control
    // characters.
    private static final Pattern NAME_REFUSES = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    /** One call as received, with the error it was answered with (null when it succeeded). */
    public record Call(String target, String body, String error) {

        public String field(String name) {
            return JsonFields.string(body, name)
                    .orElseThrow(() -> new AssertionError(target + " has no field " + name + ": " + body));
        }
    }

    private final HttpServer http;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> startedArns = new CopyOnWriteArrayList<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
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

    private record Execution(String name, String stateMachineArn, String input, String status) {

        Execution closed(String newStatus) {
            return new Execution(name, stateMachineArn, input, newStatus);
        }
    }

    /** The status of an execution, e.g. RUNNING or SUCCEEDED; empty when it was never started. */
    public Optional<String> status(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn)).map(Execution::status);
    }

    /** The input an execution was started with. */
    public String input(String executionArn) {
        return Optional.ofNullable(executions.get(executionArn))
                .orElseThrow(() -> new AssertionError("No execution " + executionArn))
                .input();
    }

    /** The ARNs of every execution started, oldest first. */
    public List<String> executionArns() {
        return List.copyOf(startedArns);
    }

    /** Ends an execution as Step Functions would: {@code status} is SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
    public void close(String executionArn, String status) {
        if (executions.computeIfPresent(executionArn, (arn, execution) -> execution.closed(status)) == null) {
            throw new AssertionError("No execution " + executionArn);
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
            case "DescribeExecution" -> describeExecution(body);
            default -> new Reply("not served here: " + operation, "UnknownOperationException");
        };
    }

    private Reply startExecution(String body) {
        String stateMachineArn = JsonFields.string(body, "stateMachineArn").orElseThrow();
        String name = JsonFields.string(body, "name").orElseThrow();
        String input = JsonFields.string(body, "input").orElse("{}");
        if (name.isEmpty()
                || name.length() > MAX_NAME_LENGTH
                || NAME_REFUSES.matcher(name).find()) {
            return new Reply("Invalid Name: '" + name + "'", "InvalidName");
        }
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        Execution started = new Execution(name, stateMachineArn, input, "RUNNING");
        Execution existing = executions.putIfAbsent(executionArn, started);
        if (existing == null) {
            startedArns.add(executionArn);
        } else if (!existing.status().equals("RUNNING") || !existing.input().equals(input)) {
            return new Reply("Execution Already Exists: '" + executionArn + "'", "ExecutionAlreadyExists");
        }
        return new Reply("{\"executionArn\":\"" + executionArn + "\",\"startDate\":1.7E9}", null);
    }

    private Reply describeExecution(String body) {
        String executionArn = JsonFields.string(body, "executionArn").orElseThrow();
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            return new Reply("Execution Does Not Exist: '" + executionArn + "'", "ExecutionDoesNotExist");
        }
        String stopDate = execution.status().equals("RUNNING") ? "" : ",\"stopDate\":1.7E9";
        return new Reply(
                "{\"executionArn\":\"" + executionArn + "\",\"stateMachineArn\":\"" + execution.stateMachineArn()
                        + "\",\"name\":\"" + execution.name() + "\",\"status\":\"" + execution.status()
                        + "\",\"startDate\":1.7E9" + stopDate + ",\"input\":" + Json.string(execution.input()) + "}",
                null);
    }

    private Reply stopExecution(String body) {
        String executionArn = JsonFields.string(body, "executionArn").orElseThrow();
        Execution execution = executions.computeIfPresent(
                executionArn,
                (arn, running) -> running.status().equals("RUNNING") ? running.closed("ABORTED") : running);
        if (execution == null) {
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
