package dev.tasksservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's requests and its reading of answers, against a stub server on loopback. */
class TasksClientTest {

    private static final String ID = "24b77786-68e0-4dad-964a-115ad1c314af";
    private static final String TASK = """
            {"id":"24b77786-68e0-4dad-964a-115ad1c314af","status":"SCHEDULED","time_left":65,
             "timestamp":"2030-01-01T10:00:00.000Z","startExecutionAt":1893491880,
             "lastUpdatedAt":"2029-12-31T09:58:55.093Z","createdAt":"2029-12-31T09:58:55.093Z",
             "payload":{"orderId":42}}""";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final StubApi api = new StubApi();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createPostsTheRequestAndReadsTheTaskItsLocationAndTheReplayFlag() {
        api.answer(201, JSON, TASK, Map.of("Location", "/tasks/" + ID, "Idempotent-Replayed", "true"));

        try (TasksClient client = TasksClient.of(api.url(""))) {
            CreatedTask created =
                    client.create(ScheduleRequest.after(0, 1, 5).withPayload("{\"orderId\":42}"), "order-42-reminder");

            assertThat(api.received().method()).isEqualTo("POST");
            assertThat(api.received().uri()).hasPath("/tasks");
            assertThat(api.received().headers().getFirst("Content-Type")).isEqualTo(JSON);
            assertThat(api.received().headers().getFirst("Idempotency-Key")).isEqualTo("order-42-reminder");
            assertThat(api.received().body())
                    .isEqualTo("{\"hours\":0,\"minutes\":1,\"seconds\":5,\"payload\":{\"orderId\":42}}");
            assertThat(created.task())
                    .isEqualTo(new Task(
                            UUID.fromString(ID),
                            TaskStatus.SCHEDULED,
                            65,
                            Instant.parse("2030-01-01T10:00:00Z"),
                            1893491880,
                            Instant.parse("2029-12-31T09:58:55.093Z"),
                            Instant.parse("2029-12-31T09:58:55.093Z"),
                            "{\"orderId\":42}",
                            null,
                            null,
                            null));
            assertThat(created.task().payloadJson().get("orderId").intValue()).isEqualTo(42);
            assertThat(created.location()).isEqualTo(api.url("/tasks/" + ID));
            assertThat(created.replayed()).isTrue();
        }
    }

    @Test
    void anApiKeyIsSentAsABearerTokenWithEveryCall() {
        api.answer(200, JSON, TASK);

        try (TasksClient client = TasksClient.builder(api.url(""))
                .apiKey("k3yOfTheClient0123456789")
                .build()) {
            client.get(UUID.fromString(ID));

            assertThat(api.received().headers().getFirst("Authorization")).isEqualTo("Bearer k3yOfTheClient0123456789");
        }
        try (TasksClient client = TasksClient.of(api.url(""))) {
            client.get(UUID.fromString(ID));

            assertThat(api.received().headers().containsKey("Authorization")).isFalse();
        }
    }

    @Test
    void aBaseUrlWithAStagePathKeepsItWithOrWithoutTheTrailingSlash() {
        api.answer(201, JSON, TASK, Map.of("Location", "/dev/tasks/" + ID, "Idempotent-Replayed", "false"));

        for (String base : new String[] {"/dev/", "/dev"}) {
            try (TasksClient client = TasksClient.of(api.url(base))) {
                CreatedTask created = client.create(ScheduleRequest.at(Instant.parse("2030-01-01T10:00:00Z")));

                assertThat(api.received().uri()).hasPath("/dev/tasks");
                assertThat(api.received().body()).isEqualTo("{\"timestamp\":\"2030-01-01T10:00:00Z\"}");
                assertThat(api.received().headers().containsKey("Idempotency-Key"))
                        .isFalse();
                assertThat(created.location()).isEqualTo(api.url("/dev/tasks/" + ID));
                assertThat(created.replayed()).isFalse();
                assertThat(client.baseUrl()).isEqualTo(api.url("/dev"));
            }
        }
    }

    @Test
    void getAndCancelAddressTheTaskBelowTheBaseUrl() {
        api.answer(200, JSON, TASK.replace("SCHEDULED", "CANCELLED"));

        try (TasksClient client = TasksClient.of(api.url("/dev/"))) {
            assertThat(client.get(UUID.fromString(ID)).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(api.received().method()).isEqualTo("GET");
            assertThat(api.received().uri()).hasPath("/dev/tasks/" + ID);

            assertThat(client.cancel(ID).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(api.received().method()).isEqualTo("DELETE");
            assertThat(api.received().uri()).hasPath("/dev/tasks/" + ID);

            client.get("a b/c");
            assertThat(api.received().uri().getRawPath()).isEqualTo("/dev/tasks/a%20b%2Fc");
        }
    }

    @Test
    void listSendsTheQueryEncodedAndReadsThePage() {
        api.answer(200, JSON, "{\"items\":[" + TASK + "],\"nextCursor\":\"a+b/c=\"}");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            TaskPage page = client.list(TaskStatus.COMPLETED, 10, "x+y/z=");

            assertThat(api.received().uri().getRawQuery()).isEqualTo("status=COMPLETED&limit=10&cursor=x%2By%2Fz%3D");
            assertThat(page.items()).extracting(Task::id).containsExactly(UUID.fromString(ID));
            assertThat(page.nextCursor()).isEqualTo("a+b/c=");
            assertThat(page.hasNext()).isTrue();

            api.answer(200, JSON, "{\"items\":[],\"nextCursor\":null}");
            TaskPage last = client.list((String) null, 50, null);

            assertThat(api.received().uri().getRawQuery()).isEqualTo("limit=50");
            assertThat(last.items()).isEmpty();
            assertThat(last.hasNext()).isFalse();
        }
    }

    @Test
    void aTaskWithATargetARetryPolicyAndAFailedAttemptIsReadWithEveryField() {
        api.answer(200, JSON, """
                {"id":"24b77786-68e0-4dad-964a-115ad1c314af","status":"SCHEDULED","time_left":65,
                 "timestamp":"2030-01-01T10:00:00.000Z","startExecutionAt":1893491880,
                 "lastUpdatedAt":"2029-12-31T09:58:55.093Z","createdAt":"2029-12-31T09:58:55.093Z",
                 "attempts":1,"error":"503 Service Unavailable","lastError":"503 Service Unavailable",
                 "nextAttemptAt":"2030-01-01T10:00:04.000Z","version":2,
                 "target":{"type":"http","url":"https://hooks.example.com/t","method":"PUT",
                           "headers":{"Authorization":"***"},"timeoutMs":5000},
                 "retry":{"maxAttempts":3,"initialBackoffMs":5000,"maxBackoffMs":300000}}""");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            Task task = client.get(ID);

            assertThat(task.target())
                    .isEqualTo(new HttpTarget(
                            URI.create("https://hooks.example.com/t"),
                            "PUT",
                            Map.of("Authorization", "***"),
                            Duration.ofSeconds(5)));
            assertThat(task.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5)));
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(task.error()).isEqualTo("503 Service Unavailable");
            assertThat(task.lastError()).isEqualTo("503 Service Unavailable");
            assertThat(task.nextAttemptAt()).isEqualTo(Instant.parse("2030-01-01T10:00:04Z"));
            assertThat(task.version()).isEqualTo(2);

            api.answer(
                    200,
                    JSON,
                    TASK.replace("}}", "},\"target\":{\"type\":\"sqs\",\"queueUrl\":\"https://q.example/1/q\"}}"));
            assertThat(client.get(ID).target()).isEqualTo(new QueueTarget("https://q.example/1/q"));
        }
    }

    @Test
    void rescheduleSendsAPatchOfThePartsGivenWithTheVersionAsIfMatch() {
        api.answer(200, JSON, TASK.replace("\"payload\"", "\"version\":4,\"payload\""));

        try (TasksClient client = TasksClient.of(api.url("/dev/"))) {
            Task task = client.reschedule(
                    UUID.fromString(ID),
                    RescheduleRequest.at(Instant.parse("2030-01-01T10:00:00Z"))
                            .withPayload("{\"orderId\":42}")
                            .ifVersion(3));

            assertThat(api.received().method()).isEqualTo("PATCH");
            assertThat(api.received().uri()).hasPath("/dev/tasks/" + ID);
            assertThat(api.received().headers().getFirst("Content-Type")).isEqualTo(JSON);
            assertThat(api.received().headers().getFirst("If-Match")).isEqualTo("\"3\"");
            assertThat(api.received().body())
                    .isEqualTo("{\"timestamp\":\"2030-01-01T10:00:00Z\",\"payload\":{\"orderId\":42}}");
            assertThat(task.version()).isEqualTo(4);

            client.reschedule(ID, RescheduleRequest.keepingTime().withDefaultTarget());
            assertThat(api.received().headers().containsKey("If-Match")).isFalse();
            assertThat(api.received().body()).isEqualTo("{\"target\":null}");
        }
    }

    @Test
    void attemptsReadsTheHistoryOldestFirst() {
        api.answer(200, JSON, """
                {"taskId":"24b77786-68e0-4dad-964a-115ad1c314af","attempts":[
                 {"number":1,"startedAt":"2030-01-01T10:00:00.010Z","durationMs":120,"outcome":"FAILED",
                  "httpStatus":503,"error":"503 Service Unavailable","nextAttemptAt":"2030-01-01T10:00:04.000Z"},
                 {"number":2,"startedAt":"2030-01-01T10:00:04.020Z","durationMs":35,"outcome":"SUCCEEDED",
                  "httpStatus":204}]}""");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            List<Attempt> attempts = client.attempts(UUID.fromString(ID));

            assertThat(api.received().method()).isEqualTo("GET");
            assertThat(api.received().uri()).hasPath("/tasks/" + ID + "/attempts");
            assertThat(attempts)
                    .containsExactly(
                            new Attempt(
                                    1,
                                    Instant.parse("2030-01-01T10:00:00.010Z"),
                                    Duration.ofMillis(120),
                                    AttemptOutcome.FAILED,
                                    503,
                                    "503 Service Unavailable",
                                    Instant.parse("2030-01-01T10:00:04Z")),
                            new Attempt(
                                    2,
                                    Instant.parse("2030-01-01T10:00:04.020Z"),
                                    Duration.ofMillis(35),
                                    AttemptOutcome.SUCCEEDED,
                                    204,
                                    null,
                                    null));

            api.answer(200, JSON, "{\"taskId\":\"" + ID + "\",\"attempts\":[]}");
            assertThat(client.attempts(ID)).isEmpty();

            api.answer(200, JSON, "{\"taskId\":\"" + ID + "\"}");
            assertThatThrownBy(() -> client.attempts(ID)).hasMessageContaining("not the attempts of a task");

            api.answer(404, PROBLEM, "{\"status\":404,\"title\":\"Task not found\"}");
            assertThatThrownBy(() -> client.attempts(ID)).isExactlyInstanceOf(TaskNotFoundException.class);
        }
    }

    @Test
    void aProblemNamingAFieldIsAnInvalidRequestWithEveryPartOfTheProblem() {
        api.answer(400, PROBLEM, """
                {"type":"about:blank","detail":"seconds: must not be negative","instance":"/tasks","status":400,
                 "title":"Invalid request","field":"seconds","reason":"must not be negative"}""");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            assertThatThrownBy(() -> client.create(ScheduleRequest.after(0, 0, -1)))
                    .asInstanceOf(type(InvalidTaskRequestException.class))
                    .satisfies(e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.type()).isEqualTo("about:blank");
                        assertThat(e.title()).isEqualTo("Invalid request");
                        assertThat(e.detail()).isEqualTo("seconds: must not be negative");
                        assertThat(e.field()).isEqualTo("seconds");
                        assertThat(e.property("reason")).isEqualTo("must not be negative");
                        assertThat(e.contentType()).isEqualTo(PROBLEM);
                        assertThat(e.isProblem()).isTrue();
                        assertThat(e.body()).contains("\"field\":\"seconds\"");
                        assertThat(e.getMessage()).startsWith("POST " + api.url("/tasks") + " answered 400: {");
                    });
        }
    }

    @Test
    void eachErrorStatusIsItsException() {
        try (TasksClient client = TasksClient.of(api.url(""))) {
            api.answer(404, PROBLEM, "{\"status\":404,\"title\":\"Task not found\",\"detail\":\"no task " + ID + "\"}");
            assertThatThrownBy(() -> client.get(ID))
                    .asInstanceOf(type(TaskNotFoundException.class))
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Task not found"))
                    .isExactlyInstanceOf(TaskNotFoundException.class);
            assertThatThrownBy(() -> client.cancel(UUID.fromString(ID)))
                    .isExactlyInstanceOf(TaskNotFoundException.class);
            // A 404 for a listing or a creation is a wrong base URL, not a missing task.
            assertThatThrownBy(() -> client.list(TaskStatus.SCHEDULED, 1, null))
                    .isExactlyInstanceOf(TasksApiException.class);

            api.answer(
                    409, PROBLEM, "{\"status\":409,\"title\":\"Task status conflict\",\"taskStatus\":\"COMPLETED\"}");
            assertThatThrownBy(() -> client.cancel(ID))
                    .asInstanceOf(type(TaskStatusConflictException.class))
                    .satisfies(e -> assertThat(e.taskStatus()).isEqualTo(TaskStatus.COMPLETED));

            api.answer(
                    409,
                    PROBLEM,
                    "{\"status\":409,\"title\":\"Task status conflict\",\"taskStatus\":\"IN_PROGRESS\","
                            + "\"taskVersion\":2}");
            assertThatThrownBy(() -> client.reschedule(ID, RescheduleRequest.keepingTime()))
                    .asInstanceOf(type(TaskStatusConflictException.class))
                    .satisfies(e -> {
                        assertThat(e.taskStatus()).isEqualTo(TaskStatus.IN_PROGRESS);
                        assertThat(e.taskVersion()).isEqualTo(2L);
                    })
                    .isExactlyInstanceOf(TaskStatusConflictException.class);

            api.answer(
                    412,
                    PROBLEM,
                    "{\"status\":412,\"title\":\"Task version mismatch\",\"taskStatus\":\"SCHEDULED\","
                            + "\"taskVersion\":5}");
            assertThatThrownBy(() -> client.reschedule(
                            ID, RescheduleRequest.keepingTime().ifVersion(4)))
                    .asInstanceOf(type(TaskVersionConflictException.class))
                    .satisfies(e -> assertThat(e.taskVersion()).isEqualTo(5L))
                    .isInstanceOf(TaskStatusConflictException.class);

            api.answer(404, PROBLEM, "{\"status\":404}");
            assertThatThrownBy(() -> client.reschedule(UUID.fromString(ID), RescheduleRequest.keepingTime()))
                    .isExactlyInstanceOf(TaskNotFoundException.class);

            api.answer(422, PROBLEM, "{\"status\":422,\"field\":\"Idempotency-Key\"}");
            assertThatThrownBy(() -> client.create(ScheduleRequest.after(0, 0, 5), "k"))
                    .isExactlyInstanceOf(IdempotencyKeyReusedException.class)
                    .isInstanceOf(InvalidTaskRequestException.class);

            api.answer(422, PROBLEM, "{\"status\":422,\"field\":\"payload\"}");
            assertThatThrownBy(() -> client.create(ScheduleRequest.after(0, 0, 5)))
                    .isExactlyInstanceOf(InvalidTaskRequestException.class);

            for (int status : new int[] {413, 415}) {
                api.answer(status, PROBLEM, "{\"status\":" + status + "}");
                assertThatThrownBy(() -> client.create(ScheduleRequest.after(0, 0, 5)))
                        .asInstanceOf(type(InvalidTaskRequestException.class))
                        .satisfies(e -> assertThat(e.status()).isEqualTo(status))
                        .isExactlyInstanceOf(InvalidTaskRequestException.class);
            }

            api.answer(503, PROBLEM, "{\"status\":503,\"title\":\"Task store unavailable\"}");
            assertThatThrownBy(() -> client.get(ID))
                    .asInstanceOf(type(TasksApiException.class))
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Task store unavailable"))
                    .isExactlyInstanceOf(TasksApiException.class);
        }
    }

    @Test
    void anErrorThatIsNotAProblemKeepsItsStatusAndBody() {
        api.answer(502, "text/html", "<html>Bad Gateway</html>");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            assertThatThrownBy(() -> client.get(ID))
                    .asInstanceOf(type(TasksApiException.class))
                    .satisfies(e -> {
                        assertThat(e).isExactlyInstanceOf(TasksApiException.class);
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.body()).isEqualTo("<html>Bad Gateway</html>");
                        assertThat(e.isProblem()).isFalse();
                        assertThat(e.title()).isNull();
                        assertThat(e.field()).isNull();
                        assertThat(e.getMessage()).endsWith("answered 502: <html>Bad Gateway</html>");
                    });
        }
    }

    @Test
    void aSuccessWhoseBodyIsNotATaskIsAnError() {
        api.answer(200, "text/plain", "OK");

        try (TasksClient client = TasksClient.of(api.url(""))) {
            assertThatThrownBy(() -> client.get(ID))
                    .isExactlyInstanceOf(TasksApiException.class)
                    .hasMessageContaining("answered 200 with a body that is not a task: OK");

            api.answer(200, JSON, "{\"id\":\"" + ID + "\"}");
            assertThatThrownBy(() -> client.get(ID)).hasMessageContaining("not a task (no status)");

            api.answer(200, JSON, "{\"nextCursor\":null}");
            assertThatThrownBy(() -> client.list(TaskStatus.SCHEDULED, 1, null))
                    .hasMessageContaining("not a page of tasks");
        }
    }

    @Test
    void noServerIsAnUncheckedIoExceptionWithTheConnectionFailureAsCause() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        try (TasksClient client = TasksClient.of(URI.create("http://127.0.0.1:" + port))) {
            assertThatThrownBy(() -> client.get(ID))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aBaseUrlMustBeAnHttpUrl() {
        assertThatThrownBy(() -> TasksClient.of("localhost:8080")).isInstanceOf(IllegalArgumentException.class);
    }
}
