package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.TaskNotFoundException;
import dev.tasksservice.client.TaskStatus;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Finished tasks expire after TASKS_RETENTION on dynalite too, which has no time to live: the runtime removes them
 * itself, and leaves the tasks that may still change alone.
 */
class LocalRetentionIT extends LocalRuntimeTest {

    private static final Duration RETENTION = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void shortRetention(DynamicPropertyRegistry registry) {
        registry.add("tasks.retention", RETENTION::toString);
        registry.add("tasks.local.expiry-interval", () -> "500ms");
    }

    @Test
    void cancelledAndCompletedTasksAreGoneOnceTheirRetentionEndsWhileWaitingOnesStay() {
        UUID waiting = createFor(RECEIVER.newUrl(), ScheduleRequest.after(Duration.ofHours(1)))
                .task()
                .id();
        UUID cancelled = createFor(RECEIVER.newUrl(), ScheduleRequest.after(Duration.ofHours(1)))
                .task()
                .id();
        UUID completed = createFor(RECEIVER.newUrl(), ScheduleRequest.after(Duration.ofSeconds(1)))
                .task()
                .id();

        assertThat(tasks().cancel(cancelled).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(tasks().get(cancelled).status())
                .as("kept until its retention ends")
                .isEqualTo(TaskStatus.CANCELLED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tasks().get(completed).status() == TaskStatus.COMPLETED);

        for (UUID finished : new UUID[] {cancelled, completed}) {
            await().atMost(RETENTION.plusSeconds(6))
                    .untilAsserted(() ->
                            assertThatThrownBy(() -> tasks().get(finished)).isInstanceOf(TaskNotFoundException.class));
        }
        assertThat(tasks().get(waiting).status()).isEqualTo(TaskStatus.SCHEDULED);
    }
}
