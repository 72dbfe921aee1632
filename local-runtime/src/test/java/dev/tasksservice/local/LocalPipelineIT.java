package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.aws.SqsDispatchQueue;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/** Tasks created over HTTP run at their time, once, through the whole local pipeline. */
class LocalPipelineIT extends LocalRuntimeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Autowired
    TaskStore store;

    @Autowired
    LocalTimerWorkflow workflow;

    @Autowired
    SqsClient sqs;

    @Autowired
    LocalRuntimeConfig.LocalQueue queue;

    @Autowired
    @Qualifier("cronPoller")
    Function<ScheduledEvent, ?> cronPoller;

    @Test
    void aTaskRunsAtItsTimestampNotBeforeAndOnce() {
        String id = http().create("{\"seconds\":2,\"payload\":{\"to\":\"ops\"}}")
                .get("id")
                .stringValue();

        await().atMost(PATIENCE).until(() -> http().status(id).equals("COMPLETED"));

        JsonNode task = http().get(id);
        Instant timestamp = Timestamps.parse(task.get("timestamp").stringValue());
        Instant executedAt = Timestamps.parse(task.get("executedAt").stringValue());
        assertThat(executedAt).isAfterOrEqualTo(timestamp);
        assertThat(task.get("attempts").intValue()).isEqualTo(1);
        assertThat(RecordingTaskAction.INSTANCE.runs(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void aTaskCancelledWhileItsTimerWaitsNeverRuns() {
        // Far enough ahead that the DELETE comes before the attempt is claimed (the wake lead is 2 s).
        String id = http().create("{\"seconds\":8}").get("id").stringValue();
        await().atMost(PATIENCE).until(() -> http().status(id).equals("IN_PROGRESS"));
        assertThat(workflow.isArmed(UUID.fromString(id))).isTrue();

        assertThat(http().delete(id).statusCode()).isEqualTo(200);

        assertThat(http().status(id)).isEqualTo("CANCELLED");
        assertThat(workflow.isArmed(UUID.fromString(id))).as("timer stopped").isFalse();
        Instant timestamp = Timestamps.parse(http().get(id).get("timestamp").stringValue());
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(timestamp.plusSeconds(1)));
        assertThat(RecordingTaskAction.INSTANCE.runs(UUID.fromString(id))).isZero();
        assertThat(http().status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void aTaskWhoseActionKeepsFailingIsRetriedThenMarkedFailed() {
        String id = http().create("{\"seconds\":1,\"payload\":{\"fail\":true}}")
                .get("id")
                .stringValue();

        await().atMost(PATIENCE).until(() -> http().status(id).equals("FAILED"));

        JsonNode task = http().get(id);
        assertThat(task.get("attempts").intValue()).isEqualTo(QUICK_RETRIES.maxAttempts());
        assertThat(task.get("error").stringValue()).contains("the endpoint refused task " + id);
        assertThat(task.has("executedAt")).isFalse();
        assertThat(RecordingTaskAction.INSTANCE.runs(UUID.fromString(id))).isEqualTo(3);
    }

    @Test
    void theSameTaskDeliveredThreeTimesRunsOnce() {
        String id = http().create("{\"seconds\":2}").get("id").stringValue();
        Task task = store.find(UUID.fromString(id)).orElseThrow();
        SqsDispatchQueue queueClient = new SqsDispatchQueue(sqs, queue.url());

        assertThat(queueClient.send(List.of(task, task))).isEmpty();

        await().atMost(PATIENCE).until(() -> http().status(id).equals("COMPLETED"));
        assertThat(RecordingTaskAction.INSTANCE.runs(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void pollersRacingEachOtherRunATaskOnce() {
        // Stored without the fast path, so the pollers are what hands the task over.
        Task task = storeScheduledTask(Instant.now().plusSeconds(2));

        CompletableFuture<?> first = CompletableFuture.runAsync(() -> cronPoller.apply(new ScheduledEvent()));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> cronPoller.apply(new ScheduledEvent()));
        CompletableFuture.allOf(first, second).join();

        await().atMost(PATIENCE).until(() -> http().status(task.id().toString()).equals("COMPLETED"));
        assertThat(RecordingTaskAction.INSTANCE.runs(task.id())).isEqualTo(1);
    }

    @Test
    void aTaskStillInProgressLongAfterItsTimeIsArmedAgainByThePoll() {
        // As if its timer had been lost: IN_PROGRESS, overdue, and no timer in this runtime.
        Instant timestamp = Instant.now().minus(LocalWorkflowRecovery.OVERDUE).minusSeconds(5);
        Task task = storeScheduledTask(timestamp);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, timestamp));
        assertThat(workflow.isArmed(task.id())).isFalse();

        await().atMost(PATIENCE).until(() -> http().status(task.id().toString()).equals("COMPLETED"));
        assertThat(RecordingTaskAction.INSTANCE.runs(task.id())).isEqualTo(1);
    }

    @Test
    void aConsumerThatDiedBetweenStartingTheWorkflowAndMarkingTheTaskRunsItOnce() {
        // The task is stored without the fast path, and its workflow started, as a consumer would before crashing.
        Task task = storeScheduledTask(Instant.now().plusSeconds(2));
        workflow.start(task);
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SCHEDULED);

        // The next poll dispatches it again; the consumer starts the same workflow and marks the task.
        await().atMost(PATIENCE).until(() -> http().status(task.id().toString()).equals("COMPLETED"));
        assertThat(RecordingTaskAction.INSTANCE.runs(task.id())).isEqualTo(1);
    }

    private Task storeScheduledTask(Instant timestamp) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        Task task = Task.scheduled(UUID.randomUUID(), at, at.minusSeconds(120).getEpochSecond(), now, null, null);
        store.create(task);
        return task;
    }
}
