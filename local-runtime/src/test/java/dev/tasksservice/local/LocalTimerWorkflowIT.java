package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.domain.RunningTaskWorkflowContract;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.functions.TaskExecutor;
import dev.tasksservice.local.usage.WorkflowMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow contract against the local runtime's in-process timers, whose executor here records each call and
 * answers as the test says. Its timers are the thing under test, so these tests wait for them: tasks due a few hundred
 * milliseconds ahead. It forgets a run once it ended: an ended run is MISSING, never CLOSED.
 */
class LocalTimerWorkflowIT extends RunningTaskWorkflowContract {

    private static final Duration WAKE_LEAD = Duration.ofMillis(50);
    /** Far above any attempt here but those told to hang. */
    private static final Duration ATTEMPT_LEASE = Duration.ofSeconds(1);

    private final List<ExecutorCall> calls = new CopyOnWriteArrayList<>();
    private final Map<UUID, Retries> retrying = new ConcurrentHashMap<>();
    private final Map<UUID, String> broken = new ConcurrentHashMap<>();
    private final Map<UUID, String> answers = new ConcurrentHashMap<>();
    private final Map<UUID, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final List<Duration> expressRuns = new CopyOnWriteArrayList<>();
    private final AtomicInteger standardAttempts = new AtomicInteger();
    private LocalTimerWorkflow local;

    private record Retries(int times, Duration pause) {}

    @Override
    protected TaskWorkflow newWorkflow() {
        WorkflowMeter meter = new WorkflowMeter() {
            @Override
            public void standardAttempt() {
                standardAttempts.incrementAndGet();
            }

            @Override
            public void expressRun(Instant started, Instant due, Instant ended) {
                expressRuns.add(Duration.between(started, ended));
            }
        };
        local = new LocalTimerWorkflow(this::execute, WAKE_LEAD, 0, ATTEMPT_LEASE, meter, Clock.systemUTC());
        return local;
    }

    @AfterEach
    void closeWorkflow() {
        hanging.values().forEach(CountDownLatch::countDown);
        local.close();
    }

    private TaskExecutor.Result execute(TaskExecutor.Input input) {
        UUID id = UUID.fromString(input.id());
        Instant now = Instant.now();
        calls.add(new ExecutorCall(id, input.timestamp(), input.attemptNumber(), input.versionNumber(), now));
        if (broken.containsKey(id)) {
            throw new IllegalStateException(broken.get(id));
        }
        CountDownLatch hang = input.attemptNumber() == 1 ? hanging.get(id) : null;
        if (hang != null) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Retries retries = retrying.get(id);
        if (retries != null && input.attemptNumber() <= retries.times()) {
            return new TaskExecutor.Result(
                    input.id(),
                    TaskExecutor.RETRY,
                    null,
                    input.attemptNumber() + 1,
                    Timestamps.format(now.plus(retries.pause())),
                    "503 from the target",
                    null);
        }
        String status = answers.getOrDefault(id, TaskExecutor.COMPLETED);
        return new TaskExecutor.Result(input.id(), status, null, null, null, null, null);
    }

    @Override
    protected void answerRetries(UUID taskId, int times, Duration pause) {
        retrying.put(taskId, new Retries(times, pause));
    }

    @Override
    protected WorkflowState endedState() {
        return WorkflowState.MISSING;
    }

    @Override
    protected Duration wakeLead() {
        return WAKE_LEAD;
    }

    @Override
    protected Duration dueSoon() {
        return Duration.ofMillis(300);
    }

    @Override
    protected List<ExecutorCall> executorCalls() {
        return List.copyOf(calls);
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(5);
    }

    @Test
    void aFirstRunStartedCloseToItsTimeIsBilledAsOneExpressRunAndEveryOtherAttemptAsAStandardOne() {
        Task retried = taskDueAt(now().plus(dueSoon()));
        answerRetries(retried.id(), 2, Duration.ofMillis(100));
        Task redriven = taskDueAt(now().plus(dueSoon()));

        workflow.start(retried);
        workflow.restart(redriven, 1);

        awaitEnded(retried);
        awaitEnded(redriven);
        assertThat(callsOf(retried.id())).hasSize(3);
        assertThat(expressRuns)
                .as("the first attempt of the started task, from its start to its end")
                .singleElement()
                .satisfies(duration ->
                        assertThat(duration).isGreaterThanOrEqualTo(dueSoon().minus(WAKE_LEAD)));
        assertThat(standardAttempts)
                .as("its two retries, handed over to the Standard workflow, and the re-driven task's attempt")
                .hasValue(3);
    }

    @Test
    void aRunEndsWhenTheExecutorAnswersFailedOrSkipped() {
        Task failed = taskDueAt(now().plus(dueSoon()));
        Task skipped = taskDueAt(now().plus(dueSoon()));
        answers.put(failed.id(), TaskExecutor.FAILED);
        answers.put(skipped.id(), TaskExecutor.SKIPPED);

        workflow.start(failed);
        workflow.start(skipped);

        assertThat(awaitEnded(failed)).isEqualTo(WorkflowState.MISSING);
        assertThat(awaitEnded(skipped)).isEqualTo(WorkflowState.MISSING);
        assertThat(callsOf(failed.id())).hasSize(1);
        assertThat(callsOf(skipped.id())).hasSize(1);
    }

    @Test
    void anExecutorThatThrowsEndsTheRunWithoutAnotherAttempt() throws InterruptedException {
        Task task = taskDueAt(now().plus(dueSoon()));
        broken.put(task.id(), "the table is unreachable");

        workflow.start(task);

        awaitCall(task.id(), call -> true);
        assertThat(awaitEnded(task)).isEqualTo(WorkflowState.MISSING);
        // Left to the recovery sweep: nothing calls again on its own.
        Thread.sleep(300);
        assertThat(callsOf(task.id())).hasSize(1);
    }

    @Test
    void anAttemptThatNeverComesBackIsTakenOverOnceItHasRunForTheLease() throws InterruptedException {
        Task task = taskDueAt(now().plus(dueSoon()));
        CountDownLatch hang = new CountDownLatch(1);
        hanging.put(task.id(), hang);

        workflow.start(task);
        awaitCall(task.id(), call -> call.attempt() == 1);
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
        // A restart while the attempt is within its lease is the same run, not a second attempt.
        workflow.restart(task, 2);
        Thread.sleep(ATTEMPT_LEASE.plusMillis(200).toMillis());

        // What the recovery sweep sees, and what it does then.
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.MISSING);
        workflow.restart(task, 2);
        awaitCall(task.id(), call -> call.attempt() == 2);
        assertThat(awaitEnded(task)).isEqualTo(WorkflowState.MISSING);

        // The hung attempt coming back at last starts nothing more.
        hang.countDown();
        Thread.sleep(200);
        assertThat(callsOf(task.id())).extracting(ExecutorCall::attempt).containsExactly(1, 2);
    }

    @Test
    void anAttemptClaimedInAnotherRuntimeCountsAsRunningHereUntilItsLeaseEnds() throws InterruptedException {
        // As the table shows a task whose attempt 1 another runtime on the same table claimed just now: no run here.
        Task claimedElsewhere = claimedJustNow(taskDueAt(now().minusSeconds(40)), 1);

        assertThat(workflow.state(claimedElsewhere))
                .as("re-driving it now would deliver it a second time")
                .isEqualTo(WorkflowState.RUNNING);
        Thread.sleep(ATTEMPT_LEASE.plusMillis(200).toMillis());
        assertThat(workflow.state(claimedElsewhere))
                .as("a claim older than the lease is a runtime gone")
                .isEqualTo(WorkflowState.MISSING);
        assertThat(calls).isEmpty();
    }

    @Test
    void anAttemptThatFailedHereIsMissingAtOnceThoughItsClaimIsRecent() {
        Task task = taskDueAt(now().plus(dueSoon()));
        broken.put(task.id(), "the table is unreachable");
        workflow.start(task);
        awaitCall(task.id(), call -> true);
        awaitEnded(task);

        // The executor had claimed attempt 1 before it failed: the table shows it claimed, and not recorded.
        assertThat(workflow.state(claimedJustNow(task, 1)))
                .as("this runtime saw the attempt end; the sweep takes the task over")
                .isEqualTo(WorkflowState.MISSING);
    }

    @Test
    void aTakenOverClaimIsMissingOnceThisRuntimesOwnLaterAttemptFailedBeforeClaiming() {
        // Attempt 1 was claimed by this runtime's previous life; after the restart its run for attempt 2 failed before
        // claiming (the table out of reach). The table still shows attempt 1 claimed, a moment ago.
        Task task = claimedJustNow(taskDueAt(now().plus(dueSoon())), 1);
        broken.put(task.id(), "the table is unreachable");
        workflow.restart(task, 2);
        awaitCall(task.id(), call -> call.attempt() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !local.isArmed(task.id()));

        assertThat(Duration.between(task.lastUpdatedAt(), now()))
                .as("the claim is still within its lease")
                .isLessThan(ATTEMPT_LEASE);
        assertThat(workflow.state(task))
                .as("the claim of attempt 1 belongs to a run this runtime took over")
                .isEqualTo(WorkflowState.MISSING);
    }

    private Task claimedJustNow(Task task, int attempt) {
        Instant now = now();
        return task.after(StatusChange.started(task.id(), task.version(), now)).withAttempt(attempt, now);
    }

    @Test
    void startingANewerVersionReplacesTheArmedRunOfTheOlderOne() {
        Task task = taskDueAt(now().plus(dueSoon()));
        workflow.start(task);
        Task changed = changed(task, task.timestamp().plusMillis(200));

        workflow.start(changed);

        assertThat(workflow.state(task)).as("the older version").isEqualTo(WorkflowState.MISSING);
        assertThat(workflow.state(changed)).isEqualTo(WorkflowState.RUNNING);
        ExecutorCall call = awaitCall(task.id(), c -> true);
        awaitEnded(changed);
        assertThat(callsOf(task.id())).containsExactly(call);
        assertThat(call.version()).isEqualTo(1);
    }

    @Test
    void startingAnOlderVersionAfterANewerOneLeavesTheNewerRunAlone() {
        Task task = taskDueLater();
        Task changed = changed(task, task.timestamp().plusSeconds(60));
        workflow.start(changed);

        workflow.start(task);
        workflow.stop(task);

        assertThat(workflow.state(changed)).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.MISSING);
    }

    @Test
    void runsDueInACrowdWakeEarlierAtMostAsManyASecondAsAllowedAndWaitForTheSameInstant() {
        Instant due = now().plusSeconds(3);
        List<Task> crowd = List.of(taskDueAt(due), taskDueAt(due), taskDueAt(due), taskDueAt(due), taskDueAt(due));
        try (LocalTimerWorkflow twoASecond = new LocalTimerWorkflow(this::execute, WAKE_LEAD, 2, Clock.systemUTC())) {

            crowd.forEach(twoASecond::start);

            crowd.forEach(task -> awaitCall(task.id(), call -> true));
            List<Instant> called = crowd.stream()
                    .map(task -> callsOf(task.id()).getFirst().at())
                    .sorted()
                    .toList();
            Instant wake = due.minus(WAKE_LEAD);
            Duration slack = Duration.ofMillis(500);
            // Two in the wake's own second, two a second earlier, one two seconds earlier.
            assertThat(called.get(0))
                    .isBetween(wake.minusSeconds(2), wake.minusSeconds(2).plus(slack));
            assertThat(called.subList(1, 3))
                    .allSatisfy(at -> assertThat(at)
                            .isBetween(
                                    wake.minusSeconds(1), wake.minusSeconds(1).plus(slack)));
            assertThat(called.subList(3, 5)).allSatisfy(at -> assertThat(at).isBetween(wake, wake.plus(slack)));
            assertThat(crowd)
                    .allSatisfy(task -> assertThat(callsOf(task.id()).getFirst().timestamp())
                            .isEqualTo(Timestamps.format(due)));
        }
    }

    @Test
    void aTaskWaitingForARetryIsArmedForItsNextAttemptTime() {
        Instant timestamp = now().minusSeconds(30);
        Instant nextAttemptAt = now().plus(dueSoon());
        Task task = taskDueAt(timestamp);
        Task waiting = new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp(),
                task.startExecutionAt(),
                task.status(),
                task.lastUpdatedAt(),
                task.createdAt(),
                task.payload(),
                task.requestFingerprint(),
                null,
                1,
                "503 from the target",
                task.target(),
                task.retry(),
                List.of(),
                nextAttemptAt,
                0);

        workflow.start(waiting);

        ExecutorCall call = awaitCall(task.id(), c -> true);
        assertThat(call.attempt()).isEqualTo(2);
        assertThat(call.timestamp()).isEqualTo(Timestamps.format(nextAttemptAt));
        assertThat(call.at()).isAfterOrEqualTo(nextAttemptAt.minus(WAKE_LEAD));
    }
}
