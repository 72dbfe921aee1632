package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.tasksservice.api.RawHttp.Reply;
import dev.tasksservice.client.CreatedTask;
import dev.tasksservice.client.IdempotencyKeyReusedException;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskNotFoundException;
import dev.tasksservice.client.TaskPage;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TaskStatusConflictException;
import dev.tasksservice.domain.model.Timestamps;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TasksApiIT extends DynaliteBackedApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aTaskScheduledSecondsAheadIsCreatedWithTheSeedsFields() {
        CreatedTask created = tasks().create(ScheduleRequest.after(0, 1, 5));

        Task task = created.task();
        UUID id = task.id();
        assertThat(created.location()).isEqualTo(URI.create("http://localhost:" + port + "/tasks/" + id));
        assertThat(created.replayed()).isFalse();
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(task.timeLeft()).isEqualTo(65);
        Instant timestamp = CLOCK.instant().plusSeconds(65);
        assertThat(task.timestamp()).isEqualTo(timestamp);
        assertThat(task.startExecutionAt()).isEqualTo(timestamp.getEpochSecond() - 120);
        assertThat(task.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(task.lastUpdatedAt()).isEqualTo(CLOCK.instant());
        assertThat(task.payload()).isNull();
        assertThat(task.executedAt()).isNull();
        assertThat(task.attempts()).isNull();
        assertThat(task.error()).isNull();
    }

    @Test
    void theTaskOnTheWireIsWhatTheClientReads() {
        Reply created = raw().post("/tasks", "{\"hours\":0,\"minutes\":1,\"seconds\":5}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode task = created.json();
        String id = task.get("id").stringValue();
        assertThat(created.header("Location")).isEqualTo("/tasks/" + id);
        assertThat(created.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(task.get("time_left").longValue()).isEqualTo(65);
        assertThat(task.get("timestamp").stringValue())
                .isEqualTo(Timestamps.format(CLOCK.instant().plusSeconds(65)));
        assertThat(task.has("payload")).isFalse();
        assertThat(tasks().get(id).timeLeft()).isEqualTo(65);
    }

    @Test
    void aTaskAtAnInstantKeepsItsPayloadAndIsFoundById() {
        Instant at = CLOCK.instant().plus(Duration.ofDays(2));
        CreatedTask created =
                tasks().create(ScheduleRequest.at(at).withPayload("{\"orderId\":42,\"tags\":[\"a\",\"ü\"]}"));

        Task task = tasks().get(created.task().id());

        assertThat(task.timestamp()).isEqualTo(at);
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(task.timeLeft()).isEqualTo(Duration.ofDays(2).toSeconds());
        assertThat(task.payloadJson().get("orderId").intValue()).isEqualTo(42);
        assertThat(task.payloadJson().get("tags").get(1).stringValue()).isEqualTo("ü");
        assertThat(task).isEqualTo(created.task());
    }

    @Test
    void aTimestampWithAnOffsetIsStoredInUtc() {
        Reply created = raw().post("/tasks", "{\"timestamp\":\"2030-01-01T12:30:00+02:00\"}");

        assertThat(created.json().get("timestamp").stringValue()).isEqualTo("2030-01-01T10:30:00.000Z");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> tasks().get(UUID.randomUUID()))
                .asInstanceOf(type(TaskNotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.contentType()).startsWith(PROBLEM);
                });
        assertThatThrownBy(() -> tasks().get("not-a-task-id"))
                .asInstanceOf(type(TaskNotFoundException.class))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.contentType()).startsWith(PROBLEM);
                });
    }

    @Test
    void aScheduledTaskIsCancelledAndASecondCancelConflicts() {
        UUID id = createTaskInSeconds(30);

        Task cancelled = tasks().cancel(id);

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(tasks().get(id).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> tasks().cancel(id))
                .asInstanceOf(type(TaskStatusConflictException.class))
                .satisfies(again -> {
                    assertThat(again.status()).isEqualTo(409);
                    assertThat(again.contentType()).startsWith(PROBLEM);
                    assertThat(again.taskStatus()).isEqualTo(TaskStatus.CANCELLED);
                });
    }

    @Test
    void cancellingAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> tasks().cancel(UUID.randomUUID()))
                .asInstanceOf(type(TaskNotFoundException.class))
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theListingWalksEveryScheduledTaskOnceAndLeavesOutCancelledOnes() {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(createTaskInSeconds(3000 + i));
        }
        UUID cancelled = createTaskInSeconds(3100);
        tasks().cancel(cancelled);

        Set<UUID> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            TaskPage page = tasks().list(TaskStatus.SCHEDULED, 2, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items()
                    .forEach(item ->
                            assertThat(seen.add(item.id())).as("seen once").isTrue());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(seen).containsAll(mine).doesNotContain(cancelled);
        TaskPage cancelledPage = tasks().list(TaskStatus.CANCELLED, 100, null);
        assertThat(cancelledPage.items()).extracting(Task::id).contains(cancelled);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameTask() {
        String key = "Idempotency-Key";
        String value = "order-" + UUID.randomUUID();

        CreatedTask first =
                tasks().create(ScheduleRequest.after(Duration.ofSeconds(30)).withPayload("{\"a\":1,\"b\":2}"), value);
        CLOCK.advance(Duration.ofSeconds(40));
        // The same request with its fields in another order, which the typed client never sends.
        Reply retry = raw().post("/tasks", "{\"payload\":{\"b\":2,\"a\":1},\"seconds\":30}", key, value);
        CreatedTask replayed =
                tasks().create(ScheduleRequest.after(Duration.ofSeconds(30)).withPayload("{\"b\":2,\"a\":1}"), value);

        assertThat(first.replayed()).isFalse();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").stringValue())
                .isEqualTo(first.task().id().toString());
        assertThat(Instant.parse(retry.json().get("timestamp").stringValue()))
                .isEqualTo(first.task().timestamp());
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.task().id()).isEqualTo(first.task().id());
        assertThat(replayed.task().timestamp()).isEqualTo(first.task().timestamp());
        assertThatThrownBy(() -> tasks().create(ScheduleRequest.after(Duration.ofSeconds(31)), value))
                .asInstanceOf(type(IdempotencyKeyReusedException.class))
                .satisfies(different -> {
                    assertThat(different.status()).isEqualTo(422);
                    assertThat(different.contentType()).startsWith(PROBLEM);
                    assertThat(different.field()).isEqualTo("Idempotency-Key");
                });
    }

    @Test
    void theHealthEndpointReportsDynamoDb() {
        Reply health = raw().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(health.json().at("/components/dynamoDb/status").stringValue())
                .isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheTasksEndpoints() {
        Reply docs = raw().get("/v3/api-docs");
        Reply ui = raw().get("/swagger-ui/index.html");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/tasks")).isTrue();
        assertThat(paths.has("/tasks/{id}")).isTrue();
        assertThat(paths.at("/~1tasks/post/requestBody/content/application~1json/schema")
                        .isMissingNode())
                .isFalse();
        assertThat(ui.status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesChangesAttemptsTargetsAndRetries() {
        JsonNode docs = raw().get("/v3/api-docs").json();

        JsonNode patch = docs.at("/paths/~1tasks~1{id}/patch");
        assertThat(patch.at("/requestBody/content/application~1json/schema").isMissingNode())
                .isFalse();
        assertThat(patch.at("/requestBody/content/application~1merge-patch+json/schema")
                        .isMissingNode())
                .isFalse();
        assertThat(patch.at("/responses").propertyNames()).contains("200", "400", "404", "409", "412");
        assertThat(patch.toString()).contains("If-Match").contains("changes nothing");
        assertThat(docs.at("/paths/~1tasks~1{id}~1attempts/get").isMissingNode())
                .isFalse();
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(schemas.at("/ScheduleTaskRequest/properties").propertyNames())
                .contains("target", "retry");
        assertThat(schemas.at("/TaskResponse/properties").propertyNames())
                .contains("target", "retry", "attempts", "lastError", "nextAttemptAt", "version");
        assertThat(schemas.at("/Target/properties/headers/description").stringValue())
                .contains("***")
                .contains("credentials");
        assertThat(schemas.at("/TargetRequest/properties/headers/description").stringValue())
                .contains("credentials");
    }

    private UUID createTaskInSeconds(int seconds) {
        return tasks().create(ScheduleRequest.after(Duration.ofSeconds(seconds)))
                .task()
                .id();
    }
}
