package dev.tasksservice.infra.asdeployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tasksservice.aws.StepFunctionsWorkflow;
import dev.tasksservice.domain.RunningTaskWorkflowContract;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.infra.ResourceNames;
import dev.tasksservice.infra.TaskStateMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow contract against {@link StepFunctionsWorkflow} through the AWS SDK, on an Amazon States Language
 * interpreter ({@link AslStepFunctionsServer}) running the project's own state machine: {@link TaskStateMachine} as
 * the CDK synthesizes it for the stack. Its executor is a Lambda bound to a loopback HTTP handler of this test that
 * records each invocation and answers as the real executor does: COMPLETED, or "RETRY at T" for the tasks told to
 * retry. The project's definition rather than a small one of the test's own: the promise is about what the deployed
 * workflow does with the executor's answers, and only its definition can tell.
 *
 * <p>The state machine waits until the timestamp truncated to its second, as Step Functions does: the executor may be
 * called up to a second early and waits out the rest ({@link #wakeLead()}).
 */
class StepFunctionsWorkflowContractIT extends RunningTaskWorkflowContract {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final String EXECUTOR = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:taskExecutor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<ExecutorCall> CALLS = new CopyOnWriteArrayList<>();
    private static final Map<UUID, Retries> RETRYING = new ConcurrentHashMap<>();

    private static HttpServer executor;
    private static AslStepFunctionsServer server;
    private static SfnClient sfn;
    private static String stateMachineArn;

    /** The first {@code times} attempts of a task are answered with a retry {@code pause} after the call. */
    private record Retries(int times, Duration pause) {}

    @BeforeAll
    static void start() throws IOException {
        executor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor.createContext("/invoke", StepFunctionsWorkflowContractIT::invoke);
        executor.start();
        CloudFormationTemplate template = synthesize();
        String stateMachine = template.logicalIds("AWS::StepFunctions::StateMachine").stream()
                .filter(id -> "STANDARD".equals(template.string(id, "StateMachineType")))
                .findFirst()
                .orElseThrow();
        stateMachineArn = template.ref(stateMachine);
        server = AslStepFunctionsServer.start(
                Path.of(System.getProperty("repo.root", "..")),
                stateMachineArn,
                template.resolve(template.properties(stateMachine).get("DefinitionString")),
                Map.of(EXECUTOR, "http://127.0.0.1:" + executor.getAddress().getPort() + "/invoke"));
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
        if (executor != null) executor.stop(0);
    }

    /** The project's state machine alone, its executor a function known by ARN, in a template read as deployed. */
    private static CloudFormationTemplate synthesize() throws IOException {
        App app = new App();
        Stack stack = new Stack(
                app,
                "WorkflowContract",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(ACCOUNT)
                                .region(REGION)
                                .build())
                        .build());
        new TaskStateMachine(
                stack,
                "Workflow",
                new ResourceNames("contract"),
                Function.fromFunctionArn(stack, "Executor", EXECUTOR));
        Path file = Files.createTempFile("workflow-contract", ".template.json");
        file.toFile().deleteOnExit();
        Files.writeString(
                file, JSON.writeValueAsString(Template.fromStack(stack).toJSON()));
        return CloudFormationTemplate.read(file);
    }

    /** The executor as Lambda runs it: the payload in, its answer out, with every field of the real one. */
    private static void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = Instant.now();
            JsonNode payload = JSON.readTree(exchange.getRequestBody().readAllBytes());
            UUID id = UUID.fromString(payload.path("id").asString());
            int attempt = payload.path("attempt").asInt();
            CALLS.add(new ExecutorCall(
                    id,
                    payload.path("timestamp").asString(),
                    attempt,
                    payload.path("version").asLong(),
                    at));
            Retries retries = RETRYING.get(id);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id.toString());
            if (retries != null && attempt <= retries.times()) {
                answer.put("status", "RETRY");
                answer.put("executedAt", null);
                answer.put("nextAttempt", attempt + 1);
                answer.put("retryAt", Timestamps.format(at.plus(retries.pause())));
                answer.put("error", "HTTP 503");
            } else {
                answer.put("status", "COMPLETED");
                answer.put("executedAt", Timestamps.format(at));
                answer.put("nextAttempt", null);
                answer.put("retryAt", null);
                answer.put("error", null);
            }
            answer.put("skippedBecause", null);
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    protected TaskWorkflow newWorkflow() {
        return new StepFunctionsWorkflow(sfn, stateMachineArn);
    }

    @Override
    protected WorkflowState endedState() {
        return WorkflowState.CLOSED;
    }

    @Override
    protected Duration wakeLead() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected Duration dueSoon() {
        return Duration.ofMillis(1500);
    }

    @Override
    protected List<ExecutorCall> executorCalls() {
        return List.copyOf(CALLS);
    }

    @Override
    protected void answerRetries(UUID taskId, int times, Duration pause) {
        RETRYING.put(taskId, new Retries(times, pause));
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(20);
    }
}
