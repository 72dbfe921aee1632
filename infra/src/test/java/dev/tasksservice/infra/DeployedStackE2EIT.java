package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksApiException;
import dev.tasksservice.client.TasksClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Docker suite: deploys the CDK stack to an AWS emulator in Docker, Floci or LocalStack
 * ({@code -De2e.emulator=localstack}), and schedules a task through the deployed REST API with the default client's
 * API key, so API Gateway, the Lambdas, DynamoDB, SQS and Step Functions run it together as they would on AWS. Skipped where no Docker engine
 * answers. Needs the Lambda jars ({@code make build}) and the npm tools ({@code npm ci}); builds nothing itself.
 */
@Tag("docker")
@DisplayName("Deployed stack on an AWS emulator in Docker")
// Minutes long and pulls images: it runs when asked for (make test-docker), and never without a Docker engine.
@EnabledIfSystemProperty(named = "e2e.docker", matches = "true", disabledReason = "run it with make test-docker")
@Testcontainers(disabledWithoutDocker = true)
class DeployedStackE2EIT {

    private static final AwsEmulator EMULATOR = AwsEmulator.selected();

    @Container
    private static final GenericContainer<?> EMULATOR_CONTAINER = EMULATOR.container();

    /** How long after its timestamp the task must be COMPLETED: the Step Functions wait plus a warm Lambda call. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    /**
     * The first call can take minutes: the emulator may pull the Java 21 Lambda image, then start Spring in a container
     * on a laptop. Later ones find the containers warm.
     */
    private static final Duration API_READY_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);
    /** API Gateway gives up on a Lambda after 29 s; an emulator may take longer on a Java cold start. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private static TasksClient api;

    @BeforeAll
    static void deployTheStackAndWarmItUp() throws Exception {
        URI endpoint = AwsEmulator.endpoint(EMULATOR_CONTAINER);
        Path workDirectory = Path.of("target", "e2e-" + EMULATOR.id());
        // A deployment takes minutes: say where its progress can be followed.
        System.out.printf(
                "Deploying the stack to %s at %s; the CDK CLI writes to %s%n",
                EMULATOR.id(), endpoint, workDirectory.toAbsolutePath());
        CdkLocalDeployment.Deployed deployed = new CdkLocalDeployment(Path.of(""), workDirectory).deploy(endpoint);
        // The stage requires an API key: the default client's, read as `aws apigateway get-api-key` reads it.
        api = TasksClient.builder(EmulatedApiUrl.on(endpoint, deployed.apiUrl()))
                .apiKey(ApiKeyValue.read(endpoint, deployed.apiKeyId()))
                .connectTimeout(Duration.ofSeconds(10))
                .requestTimeout(REQUEST_TIMEOUT)
                .build();

        // One task through every Lambda first, so the measured task pays no cold start: on AWS, SnapStart keeps a
        // cold start short; in an emulator's container it takes as long as Spring takes to start.
        Task warmUp = createPatiently(
                ScheduleRequest.after(Duration.ofSeconds(1)).withPayload("{\"source\":\"e2e-warm-up\"}"));
        Task warmedUp = watch(warmUp, Instant.now().plus(WARM_UP_TIMEOUT));
        assertThat(warmedUp.status())
                .as(
                        "status of the warm-up task %s, due at %s, on %s after up to %s",
                        warmUp.id(), warmUp.timestamp(), EMULATOR.id(), WARM_UP_TIMEOUT)
                .isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void taskScheduled20SecondsAheadIsCompletedOnTimeAndNeverEarly() throws Exception {
        // GIVEN a task scheduled 20 s ahead on the deployed, warm stack
        Task created = api.create(ScheduleRequest.after(Duration.ofSeconds(20)).withPayload("{\"source\":\"e2e\"}"))
                .task();

        // WHEN it is polled until it is final or its timestamp + 30 s has passed
        Task last = watch(created, created.timestamp().plus(SLACK));

        // THEN it is COMPLETED in time, and did not run before its timestamp
        assertThat(last.status())
                .as("status of task %s, due at %s, by %s", created.id(), created.timestamp(), SLACK)
                .isEqualTo(TaskStatus.COMPLETED);
        assertThat(last.executedAt()).isAfterOrEqualTo(created.timestamp());
    }

    @AfterAll
    static void removeTheLambdaContainers() {
        if (api != null) {
            api.close();
        }
        if (EMULATOR_CONTAINER.getContainerId() != null) {
            EMULATOR.removeLambdaContainers(EMULATOR_CONTAINER);
        }
    }

    /** POST until the API answers: its first call waits for a cold start, which may time out in the emulator. */
    private static Task createPatiently(ScheduleRequest request) throws InterruptedException {
        Instant deadline = Instant.now().plus(API_READY_TIMEOUT);
        while (true) {
            try {
                return api.create(request).task();
            } catch (UncheckedIOException | TasksApiException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "the deployed API at " + api.baseUrl() + " did not answer within " + API_READY_TIMEOUT, e);
                }
                Thread.sleep(RETRY_INTERVAL);
            }
        }
    }

    /** Polls the task until it is final or the deadline has passed; answers the last state seen. */
    private static Task watch(Task task, Instant deadline) throws InterruptedException {
        Task last = task;
        while (!last.isFinal() && !Instant.now().isAfter(deadline)) {
            Thread.sleep(POLL_INTERVAL);
            try {
                last = api.get(task.id());
            } catch (UncheckedIOException | TasksApiException e) {
                // A slow or restarting API Lambda is not yet a late task: the deadline decides.
            }
        }
        return last;
    }
}
