package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a small definition (Wait on a timestamp, then a lambda:invoke Task with a Retry and a Catch) in
 * {@link AslStepFunctionsServer} through the AWS SDK, the Task bound to an HTTP handler in this test.
 */
@Timeout(30)
class AslStepFunctionsServerIT {

    private static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:Demo";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:executor";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The Task names the function by its alias ARN; the binding is by the unqualified ARN. */
    private static final String DEFINITION = """
            {"StartAt": "WaitUntilDue", "States": {
              "WaitUntilDue": {"Type": "Wait", "TimestampPath": "$.timestamp", "Next": "ExecuteTask"},
              "ExecuteTask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "%s:live",
                  "Payload": {"id.$": "$.id", "fail.$": "$.fail"}},
                "ResultSelector": {"outcome.$": "$.Payload"}, "ResultPath": "$.result",
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                  "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 1.0}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Caught"}],
                "Next": "Done"},
              "Caught": {"Type": "Pass", "End": true},
              "Done": {"Type": "Succeed"}}}
            """.formatted(FUNCTION);

    /** One invocation the handler received. */
    record Invocation(Instant at, JsonNode payload) {}

    private static final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private static HttpServer lambda;
    private static AslStepFunctionsServer server;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambda.createContext("/invoke", AslStepFunctionsServerIT::handle);
        lambda.start();
        String url = "http://127.0.0.1:" + lambda.getAddress().getPort() + "/invoke";
        server = AslStepFunctionsServer.start(
                Path.of(System.getProperty("repo.root", "..")), STATE_MACHINE_ARN, DEFINITION, Map.of(FUNCTION, url));
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    @AfterAll
    static void stop() {
        if (sfn != null) sfn.close();
        if (server != null) server.close();
        if (lambda != null) lambda.stop(0);
    }

    /** Answers {@code {"done": id}}, or a function error when the payload says {@code "fail": true}. */
    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            JsonNode payload = JSON.readTree(exchange.getRequestBody().readAllBytes());
            invocations.add(new Invocation(at, payload));
            boolean fail = payload.path("fail").asBoolean(false);
            String body = fail
                    ? "{\"errorType\":\"TaskFailedError\",\"errorMessage\":\"failed on purpose\"}"
                    : "{\"done\":\"" + payload.path("id").asString() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Test
    void runsTheDefinitionToSuccessWithTheHandlersOutput() {
        String id = UUID.randomUUID().toString();
        String arn = start(id, input(id, Instant.now(), false));

        DescribeExecutionResponse done = awaitClosed(arn);

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(done.output()).at("/result/outcome/done").asString())
                .isEqualTo(id);
        assertThat(done.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:Demo:" + id);
        assertThat(invocationsOf(id))
                .singleElement()
                .satisfies(
                        call -> assertThat(call.payload().path("id").asString()).isEqualTo(id));
    }

    @Test
    void waitsUntilTheTimestampTruncatedToTheSecondAsStepFunctionsDoes() {
        String id = UUID.randomUUID().toString();
        Instant second = wholeSecondsAhead(2);
        Instant timestamp = second.plusMillis(700);

        awaitClosed(start(id, input(id, timestamp, false)));

        assertThat(invocationsOf(id))
                .singleElement()
                .satisfies(
                        call -> assertThat(call.at()).isAfterOrEqualTo(second).isBefore(timestamp));
    }

    @Test
    void aSecondStartWithTheSameNameAndInputIsIdempotentWhileRunningAndRefusedOnceClosed() {
        String id = UUID.randomUUID().toString();
        String input = input(id, wholeSecondsAhead(2), false);
        String arn = start(id, input);

        assertThat(start(id, input)).isEqualTo(arn);
        assertThatThrownBy(() -> start(id, input(id, Instant.now(), false)))
                .as("same name, other input")
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(awaitClosed(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> start(id, input)).isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(invocationsOf(id)).hasSize(1);
    }

    @Test
    void stoppingAbortsTheExecutionBeforeTheTaskRuns() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        Instant due = wholeSecondsAhead(2);
        String arn = start(id, input(id, due, false));

        sfn.stopExecution(r -> r.executionArn(arn).error("Stopped").cause("by the test"));

        DescribeExecutionResponse stopped = sfn.describeExecution(r -> r.executionArn(arn));
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.stopDate()).isNotNull();
        Thread.sleep(Duration.between(Instant.now(), due).plusMillis(500));
        assertThat(invocationsOf(id)).isEmpty();
        assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.ABORTED);
        // Stopping a closed execution changes nothing.
        sfn.stopExecution(r -> r.executionArn(arn));
        assertThat(sfn.describeExecution(r -> r.executionArn(arn)).stopDate()).isEqualTo(stopped.stopDate());
    }

    @Test
    void throttledInvocationsAreRetriedWithoutReachingTheFunction() {
        String id = UUID.randomUUID().toString();
        server.injectFault("executor", "Lambda.TooManyRequestsException", 2);

        DescribeExecutionResponse done = awaitClosed(start(id, input(id, Instant.now(), false)));

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(invocationsOf(id)).hasSize(1);
        assertThat(lambdaOutcomes(done.executionArn()))
                .containsExactly(
                        "ExecuteTask:Lambda.TooManyRequestsException",
                        "ExecuteTask:Lambda.TooManyRequestsException",
                        "ExecuteTask:ok");
    }

    @Test
    void aFunctionErrorIsCaughtWithItsErrorType() {
        String id = UUID.randomUUID().toString();

        DescribeExecutionResponse done = awaitClosed(start(id, input(id, Instant.now(), true)));

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode failure = JSON.readTree(done.output()).path("failure");
        assertThat(failure.path("Error").asString()).isEqualTo("TaskFailedError");
        assertThat(failure.path("Cause").asString()).contains("failed on purpose");
        assertThat(invocationsOf(id)).hasSize(1);
    }

    @Test
    void unknownStateMachinesAndExecutionsAndInvalidNamesAreReportedAsStepFunctionsDoes() {
        assertThatThrownBy(() -> sfn.startExecution(r ->
                        r.stateMachineArn(STATE_MACHINE_ARN + "X").name("x").input("{}")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeExecution(
                        r -> r.executionArn("arn:aws:states:us-east-1:000000000000:execution:Demo:none")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> start("has a space", "{}")).isInstanceOf(InvalidNameException.class);
    }

    /**
     * Between {@code seconds - 1} and {@code seconds} from now, on a whole second: a Wait on a timestamp ends at its
     * whole second, so {@code now + 1 s} could end at once.
     */
    private static Instant wholeSecondsAhead(int seconds) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
    }

    private static String input(String id, Instant timestamp, boolean fail) {
        return "{\"id\":\"%s\",\"timestamp\":\"%s\",\"fail\":%s}".formatted(id, timestamp, fail);
    }

    private static String start(String name, String input) {
        return sfn.startExecution(
                        r -> r.stateMachineArn(STATE_MACHINE_ARN).name(name).input(input))
                .executionArn();
    }

    private static DescribeExecutionResponse awaitClosed(String executionArn) {
        Instant deadline = Instant.now().plus(CLOSE_TIMEOUT);
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) return execution;
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(executionArn + " still running after " + CLOSE_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<Invocation> invocationsOf(String id) {
        return invocations.stream()
                .filter(call -> call.payload().path("id").asString().equals(id))
                .toList();
    }

    /** {@code state:outcome} of every LambdaInvoked event of the execution, in order. */
    private static List<String> lambdaOutcomes(String executionArn) {
        JsonNode executions = JSON.readTree(server.executionsJson());
        return executions
                .valueStream()
                .filter(e -> e.path("executionArn").asString().equals(executionArn))
                .flatMap(e -> e.path("events").valueStream())
                .filter(event -> event.path("type").asString().equals("LambdaInvoked"))
                .map(event -> event.path("state").asString() + ":"
                        + event.path("outcome").asString())
                .toList();
    }
}
