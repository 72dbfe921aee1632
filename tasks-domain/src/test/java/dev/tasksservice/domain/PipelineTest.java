package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The poller, the consumer and the executor on in-memory ports, with time that passes only when told. */
class PipelineTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final List<Instant> runs = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = instant -> {
        if (clock.instant().isBefore(instant)) {
            clock.set(instant);
        }
    };
    private TaskAction action = (task, executedAt) -> runs.add(executedAt);

    private final DispatchDueTasks poller = new DispatchDueTasks(store, queue, clock);
    private final StartTaskWorkflow consumer = new StartTaskWorkflow(store, workflow, clock);

    private ExecuteTask executor() {
        return new ExecuteTask(store, (task, at) -> action.perform(task, at), sleeper, clock);
    }

    @Test
    void thePollerSendsTheScheduledTasksWhosePickUpHasCome() {
        Task due = scheduled(Duration.ofSeconds(100));
        Task notYet = scheduled(Duration.ofSeconds(200));

        DispatchDueTasks.Report report = poller.run();

        assertThat(queue.sent()).containsExactly(due.id()).doesNotContain(notYet.id());
        assertThat(report.due()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(1);
    }

    @Test
    void aTaskTheQueueRefusedIsSentAgainByTheNextPoll() {
        Task due = scheduled(Duration.ofSeconds(100));
        queue.refuse(Set.of(due.id()));

        assertThat(poller.run().failed()).containsExactly(due.id());
        queue.refuse(Set.of());
        assertThat(poller.run().sent()).isEqualTo(1);
        assertThat(queue.sent()).containsExactly(due.id());
    }

    @Test
    void theConsumerStartsTheWorkflowThenMarksTheTaskInProgress() {
        Task task = scheduled(Duration.ofSeconds(100));

        assertThat(consumer.start(task.id())).isEqualTo(StartTaskWorkflow.Outcome.STARTED);

        assertThat(workflow.started()).containsExactly(task.id());
        assertThat(status(task)).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aSecondDeliveryOfTheSameTaskStartsNothing() {
        Task task = scheduled(Duration.ofSeconds(100));

        consumer.start(task.id());
        StartTaskWorkflow.Outcome again = consumer.start(task.id());

        assertThat(again).isEqualTo(StartTaskWorkflow.Outcome.ALREADY_PAST_SCHEDULED);
        assertThat(workflow.started()).containsExactly(task.id());
    }

    @Test
    void theConsumerSkipsACancelledOrUnknownTask() {
        Task task = scheduled(Duration.ofSeconds(100));
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, clock.instant()));

        assertThat(consumer.start(task.id())).isEqualTo(StartTaskWorkflow.Outcome.ALREADY_PAST_SCHEDULED);
        assertThat(consumer.start(UUID.randomUUID())).isEqualTo(StartTaskWorkflow.Outcome.UNKNOWN_TASK);
        assertThat(workflow.started()).isEmpty();
    }

    @Test
    void theExecutorRunsTheTaskAtItsTimestampNotBeforeAndRecordsIt() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1);

        assertThat(outcome.ran()).isTrue();
        assertThat(runs).containsExactly(task.timestamp());
        Task done = store.find(task.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.executedAt()).isEqualTo(task.timestamp());
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void theExecutorRunsATaskTheConsumerHadNotYetMarked() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));

        assertThat(executor().execute(task.id(), 1).ran()).isTrue();

        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theExecutorDoesNothingForACancelledTask() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        new TaskScheduling(store, SchedulingPolicy.defaults(), clock, queue, workflow).cancel(task.id());

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1);

        assertThat(outcome.ran()).isFalse();
        assertThat(runs).isEmpty();
        assertThat(status(task)).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void theExecutorRunsATaskTheConsumerMarkedWhileItsFirstClaimFailed() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        // A store that, like DynamoDB, reads the task after a failed claim: by then the consumer has marked it.
        TaskStore racing = new DelegatingStore(store) {
            private boolean raced;

            @Override
            public Task claimAttempt(UUID id, int attempt, Instant at) {
                if (!raced) {
                    raced = true;
                    consumer.start(id);
                    throw new TaskStatusConflictException(
                            "claim lost", store.find(id).orElseThrow());
                }
                return super.claimAttempt(id, attempt, at);
            }
        };

        ExecuteTask.Outcome outcome = new ExecuteTask(racing, action, sleeper, clock).execute(task.id(), 1);

        assertThat(outcome.ran()).as("%s", outcome).isTrue();
        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theSameAttemptDeliveredTwiceRunsOnce() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());

        executor().execute(task.id(), 1);
        ExecuteTask.Outcome again = executor().execute(task.id(), 1);

        assertThat(again.ran()).isFalse();
        assertThat(runs).hasSize(1);
    }

    @Test
    void aFailedAttemptIsReportedThenRetriedThenMarkedFailed() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> {
            throw new IllegalStateException("endpoint down");
        };

        for (int attempt = 1; attempt <= 3; attempt++) {
            int n = attempt;
            assertThatThrownBy(() -> executor().execute(task.id(), n))
                    .isInstanceOf(TaskAttemptFailedException.class)
                    .hasMessage("IllegalStateException: endpoint down");
        }
        executor().markFailed(task.id(), "IllegalStateException: endpoint down");

        Task failed = store.find(task.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: endpoint down");
    }

    @Test
    void aRetryAfterAFailedAttemptCanSucceed() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> {
            throw new IllegalStateException("once");
        };
        assertThatThrownBy(() -> executor().execute(task.id(), 1)).isInstanceOf(TaskAttemptFailedException.class);
        action = (t, at) -> runs.add(at);

        assertThat(executor().execute(task.id(), 2).ran()).isTrue();
        assertThat(store.find(task.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    private Task scheduled(Duration ahead) {
        return new TaskScheduling(store, SchedulingPolicy.defaults(), clock, tasks -> List.of(), workflow)
                .schedule(new ScheduleTask(DueTime.after(ahead), null, null))
                .task();
    }

    private TaskStatus status(Task task) {
        return store.find(task.id()).orElseThrow().status();
    }
}
