package dev.tasksservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.InMemoryTaskStore;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The store's calls and the deliveries, timed around the ports, failed ones too. */
class TimedTaskStoreTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerTaskMetrics metrics = new MicrometerTaskMetrics(registry);
    private final TimedTaskStore store = new TimedTaskStore(new InMemoryTaskStore(), metrics);

    @Test
    void eachCallIsTimedUnderItsMethodsName() {
        Instant at = Instant.parse("2030-01-01T10:00:00Z");
        Task task = Task.scheduled(UUID.randomUUID(), TenantId.DEFAULT, at, at.getEpochSecond() - 120, at, null, null);

        store.create(task);
        assertThat(store.find(task.id())).isPresent();
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, at));
        store.findDue(TaskStatus.IN_PROGRESS, at, 10, null);

        assertThat(registry.scrape())
                .contains("tasks_store_latency_seconds_count{operation=\"create\"} 1")
                .contains("tasks_store_latency_seconds_count{operation=\"find\"} 1")
                .contains("tasks_store_latency_seconds_count{operation=\"move\"} 1")
                .contains("tasks_store_latency_seconds_count{operation=\"findDue\"} 1");
    }

    @Test
    void aCallThatFailsIsTimedAndStillFails() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> store.claimAttempt(unknown, 1, 0, Instant.now()))
                .isInstanceOf(TaskNotFoundException.class);

        assertThat(registry.scrape()).contains("tasks_store_latency_seconds_count{operation=\"claimAttempt\"} 1");
    }

    @Test
    void aDeliveryIsTimedWhateverItAnswered() throws Exception {
        TimedTaskAction action = new TimedTaskAction((task, at) -> Delivery.failed("503"), metrics);

        assertThat(action.perform(null, Instant.now()).error()).isEqualTo("503");

        assertThat(registry.scrape()).contains("tasks_target_latency_seconds_count 1");
    }
}
