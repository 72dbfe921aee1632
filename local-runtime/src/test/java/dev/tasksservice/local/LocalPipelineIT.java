package dev.tasksservice.local;

import static dev.tasksservice.client.TaskStatus.CANCELLED;
import static dev.tasksservice.client.TaskStatus.COMPLETED;
import static dev.tasksservice.client.TaskStatus.FAILED;
import static dev.tasksservice.client.TaskStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.aws.SqsDispatchQueue;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskStore;
import java.net.URI;
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

/** Tasks created over HTTP are delivered at their time, once, through the whole local pipeline. */
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

    private final URI target = RECEIVER.newUrl();

    @Test
    void aTaskIsDeliveredAtItsTimestampNotBeforeAndOnce() {
        UUID id = createFor(target, ScheduleRequest.after(Duration.ofSeconds(2)).withPayload("{\"to\":\"ops\"}"))
                .task()
                .id();

        await().atMost(PATIENCE).until(() -> status(id) == COMPLETED);

        dev.tasksservice.client.Task task = tasks().get(id);
        assertThat(task.executedAt()).isAfterOrEqualTo(task.timestamp());
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(RECEIVER.deliveriesOf(id)).singleElement().satisfies(delivery -> {
            assertThat(delivery.at()).isAfterOrEqualTo(task.timestamp());
            assertThat(delivery.body()).isEqualTo("{\"to\":\"ops\"}");
        });
    }

    @Test
    void aTaskCancelledWhileItsTimerWaitsIsNeverDelivered() {
        // Far enough ahead that the DELETE comes before the attempt is claimed (the wake lead is 2 s).
        UUID id = createFor(target, ScheduleRequest.after(Duration.ofSeconds(8)))
                .task()
                .id();
        await().atMost(PATIENCE).until(() -> status(id) == IN_PROGRESS);
        assertThat(workflow.isArmed(id)).isTrue();

        assertThat(tasks().cancel(id).status()).isEqualTo(CANCELLED);

        assertThat(status(id)).isEqualTo(CANCELLED);
        assertThat(workflow.isArmed(id)).as("timer stopped").isFalse();
        Instant timestamp = tasks().get(id).timestamp();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(timestamp.plusSeconds(1)));
        assertThat(RECEIVER.deliveriesOf(id)).isEmpty();
        assertThat(status(id)).isEqualTo(CANCELLED);
    }

    @Test
    void aTaskWhoseTargetKeepsFailingIsRetriedThenMarkedFailed() {
        RECEIVER.script(target, TargetReceiver.Answer.of(503));
        UUID id = createFor(target, ScheduleRequest.after(Duration.ofSeconds(1)))
                .task()
                .id();

        await().atMost(PATIENCE).until(() -> status(id) == FAILED);

        dev.tasksservice.client.Task task = tasks().get(id);
        assertThat(task.attempts()).isEqualTo(QUICK_RETRIES.maxAttempts());
        assertThat(task.error()).contains("503");
        assertThat(task.executedAt()).isNull();
        assertThat(RECEIVER.deliveriesOf(id)).hasSize(3);
    }

    @Test
    void theSameTaskDispatchedThreeTimesIsDeliveredOnce() {
        UUID id = createFor(target, ScheduleRequest.after(Duration.ofSeconds(2)))
                .task()
                .id();
        Task task = store.find(id).orElseThrow();
        SqsDispatchQueue queueClient = new SqsDispatchQueue(sqs, queue.url());

        assertThat(queueClient.send(List.of(task, task))).isEmpty();

        await().atMost(PATIENCE).until(() -> status(id) == COMPLETED);
        assertThat(RECEIVER.deliveriesOf(id)).hasSize(1);
    }

    @Test
    void pollersRacingEachOtherDeliverATaskOnce() {
        // Stored without the fast path, so the pollers are what hands the task over.
        Task task = storeScheduledTask(Instant.now().plusSeconds(2));

        CompletableFuture<?> first = CompletableFuture.runAsync(() -> cronPoller.apply(new ScheduledEvent()));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> cronPoller.apply(new ScheduledEvent()));
        CompletableFuture.allOf(first, second).join();

        await().atMost(PATIENCE).until(() -> status(task.id()) == COMPLETED);
        assertThat(RECEIVER.deliveriesOf(task.id())).hasSize(1);
    }

    @Test
    void aTaskStillInProgressLongAfterItsTimeIsArmedAgainByThePoll() {
        // As if its timer had been lost: IN_PROGRESS, overdue, and no timer in this runtime.
        Instant timestamp = Instant.now().minus(LocalWorkflowRecovery.OVERDUE).minusSeconds(5);
        Task task = storeScheduledTask(timestamp);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, timestamp));
        assertThat(workflow.isArmed(task.id())).isFalse();

        await().atMost(PATIENCE).until(() -> status(task.id()) == COMPLETED);
        assertThat(RECEIVER.deliveriesOf(task.id())).hasSize(1);
    }

    @Test
    void aConsumerThatDiedBetweenStartingTheWorkflowAndMarkingTheTaskDeliversItOnce() {
        // The task is stored without the fast path, and its workflow started, as a consumer would before crashing.
        Task task = storeScheduledTask(Instant.now().plusSeconds(2));
        workflow.start(task);
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SCHEDULED);

        // The next poll dispatches it again; the consumer starts the same workflow and marks the task.
        await().atMost(PATIENCE).until(() -> status(task.id()) == COMPLETED);
        assertThat(RECEIVER.deliveriesOf(task.id())).hasSize(1);
    }

    private dev.tasksservice.client.TaskStatus status(UUID id) {
        return tasks().get(id).status();
    }

    /** A task written straight to the store, delivered to this test's target. */
    private Task storeScheduledTask(Instant timestamp) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                at,
                at.minusSeconds(120).getEpochSecond(),
                now,
                null,
                null,
                HttpTarget.post(target),
                RetryPolicy.DEFAULT);
        store.create(task);
        return task;
    }
}
