package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SqsTaskMessagesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theBodyIsTheTaskIdAndReadsBack() {
        Task task = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(300), NOW.getEpochSecond(), NOW, "{}", null);

        String body = SqsTaskMessages.body(task);

        assertThat(body).isEqualTo(task.id().toString());
        assertThat(SqsTaskMessages.taskId(body)).isEqualTo(task.id());
    }

    @Test
    void theTimestampHasTheWireForm() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                Instant.parse("2030-01-01T10:00:00Z"),
                NOW.getEpochSecond(),
                NOW,
                null,
                null);

        assertThat(SqsTaskMessages.timestamp(task)).isEqualTo("2030-01-01T10:00:00.000Z");
    }

    @Test
    void readsAnUpperCaseId() {
        UUID id = UUID.randomUUID();

        assertThat(SqsTaskMessages.taskId(id.toString().toUpperCase())).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "hello", "1-2-3-4-5", "{\"id\":\"24b77786-68e0-4dad-964a-115ad1c314af\"}"})
    void refusesABodyThatIsNotATaskId(String body) {
        assertThatThrownBy(() -> SqsTaskMessages.taskId(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task id");
    }

    @Test
    void shortensALongBodyInTheError() {
        assertThatThrownBy(() -> SqsTaskMessages.taskId("x".repeat(10_000)))
                .hasMessageEndingWith("...'")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
