package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotRecordedException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.ScheduleTask;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
    private TaskAction action = (task, executedAt) -> {
        runs.add(executedAt);
        return Delivery.succeeded(200);
    };

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

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1, 0);

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

        assertThat(executor().execute(task.id(), 1, 0).ran()).isTrue();

        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theExecutorDoesNothingForACancelledTask() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        scheduling(queue).cancel(TenantId.DEFAULT, task.id());

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1, 0);

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
            public Task claimAttempt(UUID id, int attempt, long version, Instant at) {
                if (!raced) {
                    raced = true;
                    consumer.start(id);
                    throw new TaskStatusConflictException(
                            "claim lost", store.find(id).orElseThrow());
                }
                return super.claimAttempt(id, attempt, version, at);
            }
        };

        ExecuteTask.Outcome outcome = new ExecuteTask(racing, action, sleeper, clock).execute(task.id(), 1, 0);

        assertThat(outcome.ran()).as("%s", outcome).isTrue();
        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void theSameAttemptDeliveredTwiceRunsOnce() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());

        executor().execute(task.id(), 1, 0);
        ExecuteTask.Outcome again = executor().execute(task.id(), 1, 0);

        assertThat(again.ran()).isFalse();
        assertThat(runs).hasSize(1);
    }

    @Test
    void anUnexpectedErrorOfTheActionLeavesAnErrorWithoutStackOrClassNames() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> {
            throw new IllegalStateException("Cannot invoke \"dev.tasksservice.Secret.key()\" because it is null");
        };

        executor().execute(task.id(), 1, 0);

        String error = store.find(task.id()).orElseThrow().lastError();
        assertThat(error).isEqualTo("the delivery failed with an internal error; it is tried again");
    }

    @Test
    void aFailedAttemptIsAnsweredWithTheNextAttemptsTimeUntilThePolicysAttemptsAreUsedUp() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> Delivery.failed(503, "HTTP 503", null);

        for (int attempt = 1; attempt <= 2; attempt++) {
            Instant before = clock.instant();
            ExecuteTask.Outcome outcome = executor().execute(task.id(), attempt, 0);
            assertThat(outcome.retries()).isTrue();
            assertThat(outcome.nextAttempt()).isEqualTo(attempt + 1);
            assertThat(outcome.retryAt())
                    .isAfterOrEqualTo(before)
                    .isBeforeOrEqualTo(clock.instant().plus(RetryPolicy.DEFAULT.backoffCeiling(attempt)));
            Task waiting = store.find(task.id()).orElseThrow();
            assertThat(waiting.status()).isEqualTo(TaskStatus.IN_PROGRESS);
            assertThat(waiting.nextAttemptAt()).isEqualTo(outcome.retryAt());
            assertThat(waiting.lastError()).isEqualTo("HTTP 503");
        }
        ExecuteTask.Outcome last = executor().execute(task.id(), 3, 0);

        assertThat(last.retries()).isFalse();
        assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
        Task failed = store.find(task.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("HTTP 503 (after 3 attempt(s))");
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(failed.history())
                .extracting(Attempt::number, Attempt::outcome, Attempt::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.FAILED, 503),
                        org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.FAILED, 503),
                        org.assertj.core.groups.Tuple.tuple(3, AttemptOutcome.FAILED, 503));
        assertThat(failed.history().get(0).nextAttemptAt()).isNotNull();
        assertThat(failed.history().get(2).nextAttemptAt()).isNull();
    }

    @Test
    void aRefusedDeliveryEndsTheTaskFailedAtOnce() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> Delivery.refused(400, "HTTP 400: bad order id");

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1, 0);

        assertThat(outcome.retries()).isFalse();
        Task failed = store.find(task.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 400: bad order id");
        assertThat(failed.history()).extracting(Attempt::outcome).containsExactly(AttemptOutcome.REFUSED);
    }

    @Test
    void retryAfterIsHonouredWithinThePolicysMaximum() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> Delivery.failed(429, "HTTP 429", Duration.ofHours(2));

        ExecuteTask.Outcome outcome = executor().execute(task.id(), 1, 0);

        assertThat(outcome.retryAt()).isEqualTo(clock.instant().plus(RetryPolicy.DEFAULT.maxBackoff()));
    }

    @Test
    void aThrownDeliveryErrorIsAFailureWorthRetryingAndTheRetryWaitsForItsTime() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        action = (t, at) -> {
            throw new java.net.ConnectException("Connection refused");
        };
        ExecuteTask.Outcome first = executor().execute(task.id(), 1, 0);
        assertThat(first.retries()).isTrue();
        assertThat(first.error()).isEqualTo("the delivery failed with an internal error; it is tried again");
        action = (t, at) -> {
            runs.add(at);
            return Delivery.succeeded(200);
        };

        assertThat(executor().execute(task.id(), 2, 0).ran()).isTrue();

        Task done = store.find(task.id()).orElseThrow();
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.lastError()).isNull();
        assertThat(runs).singleElement().satisfies(at -> assertThat(at).isAfterOrEqualTo(first.retryAt()));
        assertThat(done.history())
                .extracting(Attempt::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
    }

    @Test
    void aTaskChangedWhileTheConsumerStartsItsWorkflowWaitsForItsNewVersionsWorkflow() {
        Task task = scheduled(Duration.ofSeconds(100));
        // The client's change lands between the consumer's read and its move to IN_PROGRESS.
        workflow.onStart(started -> scheduling(tasks -> List.of())
                .reschedule(new RescheduleTask(
                        TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofSeconds(300)), null, null, null)));

        StartTaskWorkflow.Outcome outcome = consumer.start(task.id());

        assertThat(outcome).isEqualTo(StartTaskWorkflow.Outcome.CHANGED);
        Task changed = store.find(task.id()).orElseThrow();
        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(changed.version()).isEqualTo(1);
        workflow.onStart(started -> {});
        assertThat(consumer.start(task.id())).isEqualTo(StartTaskWorkflow.Outcome.STARTED);
        assertThat(workflow.state(store.find(task.id()).orElseThrow())).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.CLOSED);
    }

    @Test
    void aRunStartedForAnOlderVersionOfTheTaskDoesNotRunIt() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        scheduling(tasks -> List.of())
                .reschedule(new RescheduleTask(
                        TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofSeconds(300)), null, null, null));

        ExecuteTask.Outcome stale = executor().execute(task.id(), 1, 0);

        assertThat(stale.ran()).isFalse();
        assertThat(stale.skippedBecause()).contains("changed");
        assertThat(runs).isEmpty();
        assertThat(status(task)).isEqualTo(TaskStatus.SCHEDULED);
    }

    @Test
    void thePollerPagesThroughABacklogByTheStoresCursor() {
        for (int i = 0; i < 25; i++) {
            scheduled(Duration.ofSeconds(100));
        }
        DispatchDueTasks paged = new DispatchDueTasks(store, queue, clock, new Paging(10, Duration.ofSeconds(40)));

        DispatchDueTasks.Report report = paged.run();

        assertThat(queue.sent()).hasSize(25).doesNotHaveDuplicates();
        assertThat(queue.batchSizes()).containsExactly(10, 10, 5);
        assertThat(report.due()).isEqualTo(25);
        assertThat(report.sent()).isEqualTo(25);
        assertThat(report.pages()).isEqualTo(3);
        assertThat(report.stoppedOnBudget()).isFalse();
    }

    @Test
    void aPollStopsOnItsBudgetAndTheNextOneGoesOn() {
        List<Task> due = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            due.add(scheduled(Duration.ofSeconds(100)));
        }
        // Each page takes 15 s to send; the consumer marks what was sent.
        DispatchQueue slow = tasks -> {
            clock.advance(Duration.ofSeconds(15));
            List<UUID> failed = queue.send(tasks);
            tasks.forEach(task -> consumer.start(task.id()));
            return failed;
        };
        DispatchDueTasks paged = new DispatchDueTasks(store, slow, clock, new Paging(10, Duration.ofSeconds(40)));

        DispatchDueTasks.Report first = paged.run();
        DispatchDueTasks.Report second = paged.run();

        assertThat(first.stoppedOnBudget()).isTrue();
        assertThat(first.sent()).isEqualTo(30);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(second.stoppedOnBudget()).isFalse();
        assertThat(second.sent()).isEqualTo(5);
        assertThat(queue.sent())
                .containsExactlyInAnyOrderElementsOf(due.stream().map(Task::id).toList());
    }

    @Test
    void theNextPollGoesOnWhereABudgetStoppedOneEvenWhileNothingIsMarked() {
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            due.add(scheduled(Duration.ofSeconds(100)).id());
        }
        DispatchQueue slow = tasks -> {
            clock.advance(Duration.ofSeconds(25));
            return queue.send(tasks);
        };
        DispatchDueTasks paged = new DispatchDueTasks(store, slow, clock, new Paging(10, Duration.ofSeconds(40)));

        List<DispatchDueTasks.Report> polls = List.of(paged.run(), paged.run(), paged.run());

        assertThat(polls).extracting(DispatchDueTasks.Report::sent).containsExactly(20, 5, 20);
        assertThat(polls).extracting(DispatchDueTasks.Report::stoppedOnBudget).containsExactly(true, false, true);
        assertThat(queue.sent().subList(0, 25)).containsExactlyInAnyOrderElementsOf(due);
    }

    @Test
    void aPollReportsTheTasksTheQueueRefusedAndKeepsOnlyAFewOfTheirIds() {
        Set<UUID> refused = new HashSet<>();
        for (int i = 0; i < DispatchDueTasks.MAX_FAILED_IDS + 20; i++) {
            refused.add(scheduled(Duration.ofSeconds(100)).id());
        }
        queue.refuse(refused);

        DispatchDueTasks.Report report = poller.run();

        assertThat(report.due()).isEqualTo(refused.size());
        assertThat(report.sent()).isZero();
        assertThat(report.failed()).hasSize(DispatchDueTasks.MAX_FAILED_IDS);
    }

    @Test
    void aPassingStoreErrorWhileRecordingTheCompletionIsTriedAgain() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        AtomicInteger failures = new AtomicInteger(2);
        TaskStore flaky = recordsRefusedWhile(() -> failures.getAndDecrement() > 0, "throttled");

        ExecuteTask.Outcome outcome = new ExecuteTask(flaky, action, sleeper, clock).execute(task.id(), 1, 0);

        assertThat(outcome.ran()).isTrue();
        assertThat(runs).hasSize(1);
        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
        assertThat(clock.instant()).as("paused between tries").isAfter(task.timestamp());
    }

    @Test
    void aStoreRestartingForTenSecondsWhileTheCompletionIsRecordedIsWaitedOut() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        Instant backAt = task.timestamp().plusSeconds(10);
        TaskStore restarting = recordsRefusedWhile(() -> clock.instant().isBefore(backAt), "connection refused");

        ExecuteTask.Outcome outcome = new ExecuteTask(restarting, action, sleeper, clock).execute(task.id(), 1, 0);

        assertThat(outcome.ran()).isTrue();
        assertThat(runs).hasSize(1);
        assertThat(status(task)).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aCompletionThatCannotBeRecordedIsThrownAndARetryOfTheAttemptDoesNotRunTheTaskAgain() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        TaskStore down = recordsRefusedWhile(() -> true, "store unavailable");

        assertThatThrownBy(() -> new ExecuteTask(down, action, sleeper, clock).execute(task.id(), 1, 0))
                .isInstanceOf(TaskNotRecordedException.class)
                .hasMessageContaining("store unavailable");
        assertThat(status(task)).isEqualTo(TaskStatus.IN_PROGRESS);

        ExecuteTask.Outcome retry = executor().execute(task.id(), 1, 0);

        assertThat(retry.ran()).isFalse();
        assertThat(runs).hasSize(1);
        assertThat(status(task)).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    /** The store, refusing to record an attempt, with {@code error}, as long as {@code down} says so. */
    private TaskStore recordsRefusedWhile(BooleanSupplier down, String error) {
        return new DelegatingStore(store) {
            @Override
            public Task record(AttemptRecord record) {
                if (down.getAsBoolean()) {
                    throw new IllegalStateException(error);
                }
                return super.record(record);
            }
        };
    }

    @Test
    void aCompletionIsRecordedOnlyForTheAttemptStillClaimed() throws Exception {
        Task task = scheduled(Duration.ofSeconds(100));
        consumer.start(task.id());
        // While attempt 1 runs, a re-driven workflow claims attempt 2.
        TaskStore overtaken = new DelegatingStore(store) {
            @Override
            public Task record(AttemptRecord record) {
                store.claimAttempt(record.taskId(), 2, 0, clock.instant());
                return super.record(record);
            }
        };

        ExecuteTask.Outcome outcome = new ExecuteTask(overtaken, action, sleeper, clock).execute(task.id(), 1, 0);

        assertThat(outcome.ran()).isTrue();
        Task current = store.find(task.id()).orElseThrow();
        assertThat(current.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(current.attempts()).isEqualTo(2);
    }

    @Test
    void aWorkflowFoundEndedWhenTheConsumerStartsItIsRedriven() {
        Task task = scheduled(Duration.ofSeconds(100));
        workflow.start(task);
        workflow.closeLatest(task.id());

        StartTaskWorkflow.Outcome outcome = consumer.start(task.id());

        assertThat(outcome).isEqualTo(StartTaskWorkflow.Outcome.REDRIVEN);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a1");
        assertThat(status(task)).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    private Task scheduled(Duration ahead) {
        return scheduling(tasks -> List.of())
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(ahead), null, null))
                .task();
    }

    private TaskScheduling scheduling(DispatchQueue fastPath) {
        return new TaskScheduling(
                store,
                SchedulingPolicy.defaults(),
                RetryLimits.DEFAULT,
                new TargetCheck(TargetRules.STRICT, host -> List.of()),
                clock,
                fastPath,
                workflow);
    }

    private TaskStatus status(Task task) {
        return store.find(task.id()).orElseThrow().status();
    }
}
