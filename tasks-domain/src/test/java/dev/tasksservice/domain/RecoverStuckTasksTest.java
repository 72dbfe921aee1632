package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.FindDueTasks;
import dev.tasksservice.domain.port.out.LoadTask;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.recover.RedriveTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one recovery rule for tasks left IN_PROGRESS, on in-memory ports with time that passes only when told. */
class RecoverStuckTasksTest {

    private static final Duration GRACE = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final RecoverStuckTasks recovery = recovery(new Paging(100, Duration.ofSeconds(10)));

    private RecoverStuckTasks recovery(Paging paging) {
        return new RecoverStuckTasks(store, workflow, clock, new RecoverStuckTasks.Settings(GRACE, paging));
    }

    @Test
    void aTaskWhoseWorkflowStillRunsIsLeftAlone() {
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        workflow.start(task);

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.running()).isEqualTo(1);
        assertThat(workflow.restarts()).isEmpty();
        assertThat(find(task).status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aTaskWhoseWorkflowEndedIsRedrivenForItsNextAttempt() {
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        workflow.start(task);
        workflow.closeLatest(task.id());

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a2");
        assertThat(workflow.state(find(task))).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void aTaskWithoutWorkflowIsRedriven() {
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 0);

        assertThat(recovery.run().redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a1");
    }

    @Test
    void aRunThatEndedForTheSameAttemptSpendsThatAttemptNumber() {
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        workflow.restart(task, 2);
        workflow.closeLatest(task.id());

        assertThat(recovery.run().redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a2", task.id() + "-a2", task.id() + "-a3");
    }

    @Test
    void runsLostBeforeTheirRecordDoNotUseUpTheRetryPolicysAttempts() {
        // Attempt 1 recorded a failure; attempts 2 and 3 were claimed and lost in crashes, so the target may never have
        // seen them: the policy's 3 attempts are not used up.
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        store.record(retryRecorded(task, 1));
        store.claimAttempt(task.id(), 2, 0, clock.instant());
        store.claimAttempt(task.id(), 3, 0, clock.instant());

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a4");
        assertThat(find(task).status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aTaskWhoseAttemptsAreUsedUpIsMarkedFailedSayingWhy() {
        // Its 3 attempts, and as many lost runs beyond them as are not counted: a crash loop ends too.
        int attempts = 3 + RedriveTask.LOST_RUNS_NOT_COUNTED;
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), attempts);
        workflow.start(task);
        workflow.closeLatest(task.id());

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.failed()).isEqualTo(1);
        Task failed = find(task);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError())
                .isEqualTo("workflow ended without recording a result after " + attempts + " attempt(s)");
        assertThat(workflow.restarts()).isEmpty();
    }

    @Test
    void aTaskWhoseLastAttemptWasRecordedHasNoLostRunToMakeUpFor() {
        // Attempts 1 and 2 recorded failures; the run for attempt 3, the policy's last, ended before claiming it.
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        store.record(retryRecorded(task, 1));
        store.claimAttempt(task.id(), 2, 0, clock.instant());
        store.record(retryRecorded(find(task), 2));
        workflow.restart(find(task), 3);
        workflow.closeLatest(task.id());

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.failed()).isEqualTo(1);
        assertThat(find(task).lastError()).isEqualTo("workflow ended without recording a result after 2 attempt(s)");
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a3", task.id() + "-a3");
    }

    /** What the executor records for a failed attempt {@code attempt} that is retried later. */
    private AttemptRecord retryRecorded(Task task, int attempt) {
        Instant now = clock.instant();
        Instant next = now.plusSeconds(5);
        Attempt failed = new Attempt(attempt, now, Duration.ofMillis(20), AttemptOutcome.FAILED, 503, "503", next);
        return new AttemptRecord(
                task.id(), attempt, TaskStatus.IN_PROGRESS, now, null, "503", task.historyWith(failed), next);
    }

    @Test
    void aTaskWithinItsGraceIsNotLookedAt() {
        Task task = inProgress(clock.instant().minus(GRACE).plusSeconds(1), 0);

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.examined()).isZero();
        assertThat(workflow.restarts()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(recovery.run().redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a1");
    }

    @Test
    void aSweepPagesAndStopsOnItsBudgetThenTheNextGoesOn() {
        Instant overdue = clock.instant().minus(GRACE).minusSeconds(60);
        for (int i = 0; i < 25; i++) {
            inProgress(overdue, 0);
        }
        // Asking the workflow takes a second per task.
        TaskWorkflow slow = new TaskWorkflow() {
            @Override
            public WorkflowState start(Task task) {
                return workflow.start(task);
            }

            @Override
            public WorkflowState restart(Task task, int attempt) {
                return workflow.restart(task, attempt);
            }

            @Override
            public WorkflowState state(Task task) {
                clock.advance(Duration.ofSeconds(1));
                return workflow.state(task);
            }

            @Override
            public void stop(Task task) {
                workflow.stop(task);
            }
        };
        RecoverStuckTasks sweep = new RecoverStuckTasks(
                store, slow, clock, new RecoverStuckTasks.Settings(GRACE, new Paging(10, Duration.ofSeconds(15))));

        RecoverStuckTasks.Report first = sweep.run();
        int redriven = first.redriven();
        int sweeps = 1;
        RecoverStuckTasks.Report last = first;
        while (last.stoppedOnBudget() && sweeps < 5) {
            last = sweep.run();
            redriven += last.redriven();
            sweeps++;
        }

        assertThat(first.stoppedOnBudget()).isTrue();
        assertThat(first.redriven()).isEqualTo(20);
        assertThat(last.stoppedOnBudget()).isFalse();
        assertThat(redriven).isEqualTo(25);
        assertThat(workflow.restarts()).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void finishedTasksAndTasksWaitingWithinTheirGraceAreLeftAlone() {
        Instant overdue = clock.instant().minus(GRACE).minusSeconds(60);
        Instant recent = clock.instant().minus(GRACE).plusSeconds(60);
        Task scheduled = OverdueTasks.waiting(recent);
        store.create(scheduled);
        Task done = inProgress(overdue, 1);
        store.move(StatusChange.completed(done.id(), 1, clock.instant(), overdue));

        assertThat(recovery.run().examined()).isZero();
        assertThat(workflow.restarts()).isEmpty();
        assertThat(workflow.started()).isEmpty();
    }

    @Test
    void aTaskStillWaitingWellAfterItsTimeHasItsWorkflowStarted() {
        // Its dispatch was lost: the queue's message went to the dead letters, say.
        Instant overdue = clock.instant().minus(GRACE).minusSeconds(60);
        Task waiting = OverdueTasks.waiting(overdue);
        store.create(waiting);

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(workflow.started()).containsExactly(waiting.id());
        // The next sweep finds its workflow running.
        assertThat(recovery.run())
                .extracting(RecoverStuckTasks.Report::running, RecoverStuckTasks.Report::redriven)
                .containsExactly(1, 0);
        assertThat(workflow.started()).containsExactly(waiting.id());
    }

    @Test
    void theRedrivenAttemptRunsAndIsRecorded() throws Exception {
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        List<Instant> runs = new java.util.ArrayList<>();
        recovery.run();

        ExecuteTask.Outcome outcome = new ExecuteTask(
                        store,
                        (t, at) -> {
                            runs.add(at);
                            return Delivery.succeeded(200);
                        },
                        instant -> {},
                        clock)
                .execute(task.id(), 2, 0);

        assertThat(outcome.ran()).isTrue();
        assertThat(find(task).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(find(task).attempts()).isEqualTo(2);
        assertThat(runs).hasSize(1);
    }

    @Test
    void aTaskListedInProgressButWaitingInTheTableWellAfterItsTimeHasItsWorkflowStarted() {
        // A start that failed half way, on a store whose index got ahead of the table: the index says IN_PROGRESS,
        // the task itself is still SCHEDULED, so no poller sees it due and nothing runs it.
        Instant due = clock.instant().minus(GRACE).minusSeconds(1);
        Task waiting = OverdueTasks.waiting(due);
        store.create(waiting);
        FindDueTasks indexAheadOfTable = (status, instant, limit, cursor) ->
                status == TaskStatus.IN_PROGRESS ? new TaskPage(List.of(waiting), null) : new TaskPage(List.of(), null);

        RecoverStuckTasks.Report report = new RecoverStuckTasks(
                        new StoreWithIndex(store, indexAheadOfTable),
                        workflow,
                        clock,
                        new RecoverStuckTasks.Settings(GRACE, new Paging(100, Duration.ofSeconds(10))))
                .run();

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(workflow.started()).containsExactly(waiting.id());
        assertThat(workflow.state(find(waiting))).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void aTaskListedAsWaitingButInProgressInTheTableWithNothingRunningItIsRedriven() {
        // The other way round: the index still lists the task as waiting, so the poller sends it again and the
        // consumer finds it past SCHEDULED; only the sweep, reading the waiting list too, can find it.
        Task task = inProgress(clock.instant().minus(GRACE).minusSeconds(1), 1);
        Task listedAsWaiting = Task.scheduled(
                task.id(), TenantId.DEFAULT, task.timestamp(), task.startExecutionAt(), task.createdAt(), null, null);
        FindDueTasks indexBehindTable = (status, instant, limit, cursor) -> status == TaskStatus.SCHEDULED
                ? new TaskPage(List.of(listedAsWaiting), null)
                : new TaskPage(List.of(), null);

        RecoverStuckTasks.Report report = new RecoverStuckTasks(
                        new StoreWithIndex(store, indexBehindTable),
                        workflow,
                        clock,
                        new RecoverStuckTasks.Settings(GRACE, new Paging(100, Duration.ofSeconds(10))))
                .run();

        assertThat(report.redriven()).isEqualTo(1);
        assertThat(workflow.restarts()).containsExactly(task.id() + "-a2");
    }

    /** The in-memory store, its due tasks read from another index. */
    private record StoreWithIndex(InMemoryTaskStore store, FindDueTasks index)
            implements FindDueTasks, LoadTask, ChangeTaskStatus {

        @Override
        public TaskPage findDue(TaskStatus status, Instant instant, int limit, String cursor) {
            return index.findDue(status, instant, limit, cursor);
        }

        @Override
        public java.util.Optional<Task> find(UUID id) {
            return store.find(id);
        }

        @Override
        public Task move(StatusChange change) {
            return store.move(change);
        }
    }

    private Task inProgress(Instant timestamp, int attempts) {
        return OverdueTasks.inProgress(store, timestamp, attempts);
    }

    private Task find(Task task) {
        return store.find(task.id()).orElseThrow();
    }
}
