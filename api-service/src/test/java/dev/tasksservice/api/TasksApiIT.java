package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.ApiClient.Reply;
import dev.tasksservice.domain.model.Timestamps;
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
        Reply created = api().post("/tasks", "{\"hours\":0,\"minutes\":1,\"seconds\":5}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode task = created.json();
        String id = task.get("id").stringValue();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.header("Location")).isEqualTo("/tasks/" + id);
        assertThat(created.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(task.get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(task.get("time_left").longValue()).isEqualTo(65);
        Instant timestamp = CLOCK.instant().plusSeconds(65);
        assertThat(task.get("timestamp").stringValue()).isEqualTo(Timestamps.format(timestamp));
        assertThat(task.get("startExecutionAt").longValue()).isEqualTo(timestamp.getEpochSecond() - 120);
        assertThat(task.get("createdAt").stringValue()).isEqualTo(Timestamps.format(CLOCK.instant()));
        assertThat(task.get("lastUpdatedAt").stringValue()).isEqualTo(Timestamps.format(CLOCK.instant()));
        assertThat(task.has("payload")).isFalse();
    }

    @Test
    void aTaskAtAnInstantKeepsItsPayloadAndIsFoundById() {
        String at = Timestamps.format(CLOCK.instant().plus(Duration.ofDays(2)));
        Reply created = api().post(
                        "/tasks", "{\"timestamp\":\"" + at + "\",\"payload\":{\"orderId\":42,\"tags\":[\"a\",\"ü\"]}}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").stringValue();

        Reply found = api().get("/tasks/" + id);

        assertThat(found.status()).isEqualTo(200);
        JsonNode task = found.json();
        assertThat(task.get("timestamp").stringValue()).isEqualTo(at);
        assertThat(task.get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(task.get("time_left").longValue())
                .isEqualTo(Duration.ofDays(2).toSeconds());
        assertThat(task.get("payload").get("orderId").intValue()).isEqualTo(42);
        assertThat(task.get("payload").get("tags").get(1).stringValue()).isEqualTo("ü");
        assertThat(found.json()).isEqualTo(created.json());
    }

    @Test
    void aTimestampWithAnOffsetIsStoredInUtc() {
        Reply created = api().post("/tasks", "{\"timestamp\":\"2030-01-01T12:30:00+02:00\"}");

        assertThat(created.json().get("timestamp").stringValue()).isEqualTo("2030-01-01T10:30:00.000Z");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        Reply unknown = api().get("/tasks/" + UUID.randomUUID());
        Reply notAnId = api().get("/tasks/not-a-task-id");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith(PROBLEM);
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(notAnId.contentType()).startsWith(PROBLEM);
    }

    @Test
    void aScheduledTaskIsCancelledAndASecondCancelConflicts() {
        String id = createTaskInSeconds(30);

        Reply cancelled = api().delete("/tasks/" + id);
        Reply again = api().delete("/tasks/" + id);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").stringValue()).isEqualTo("CANCELLED");
        assertThat(api().get("/tasks/" + id).json().get("status").stringValue()).isEqualTo("CANCELLED");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith(PROBLEM);
        assertThat(again.json().get("taskStatus").stringValue()).isEqualTo("CANCELLED");
    }

    @Test
    void cancellingAnUnknownTaskIsNotFound() {
        assertThat(api().delete("/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theListingWalksEveryScheduledTaskOnceAndLeavesOutCancelledOnes() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(createTaskInSeconds(3000 + i));
        }
        String cancelled = createTaskInSeconds(3100);
        api().delete("/tasks/" + cancelled);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api().get("/tasks?status=SCHEDULED&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            JsonNode items = page.json().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(2);
            items.values()
                    .forEach(item -> assertThat(seen.add(item.get("id").stringValue()))
                            .as("seen once")
                            .isTrue());
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.stringValue();
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(seen).containsAll(mine).doesNotContain(cancelled);
        JsonNode cancelledPage = api().get("/tasks?status=CANCELLED&limit=100").json();
        assertThat(cancelledPage.get("items").values())
                .extracting(item -> item.get("id").stringValue())
                .contains(cancelled);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameTask() {
        String key = "Idempotency-Key";
        String value = "order-" + UUID.randomUUID();

        Reply first = api().post("/tasks", "{\"seconds\":30,\"payload\":{\"a\":1,\"b\":2}}", key, value);
        CLOCK.advance(Duration.ofSeconds(40));
        Reply retry = api().post("/tasks", "{\"payload\":{\"b\":2,\"a\":1},\"seconds\":30}", key, value);
        Reply different = api().post("/tasks", "{\"seconds\":31}", key, value);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.json().get("timestamp")).isEqualTo(first.json().get("timestamp"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.contentType()).startsWith(PROBLEM);
        assertThat(different.json().get("field").stringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void theHealthEndpointReportsDynamoDb() {
        Reply health = api().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(health.json().at("/components/dynamoDb/status").stringValue())
                .isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheTasksEndpoints() {
        Reply docs = api().get("/v3/api-docs");
        Reply ui = api().get("/swagger-ui/index.html");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/tasks")).isTrue();
        assertThat(paths.has("/tasks/{id}")).isTrue();
        assertThat(paths.at("/~1tasks/post/requestBody/content/application~1json/schema")
                        .isMissingNode())
                .isFalse();
        assertThat(ui.status()).isEqualTo(200);
    }

    private String createTaskInSeconds(int seconds) {
        Reply created = api().post("/tasks", "{\"seconds\":" + seconds + "}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").stringValue();
    }
}
