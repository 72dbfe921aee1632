package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a workflow that runs the executor promises, on top of {@link TaskWorkflowContract}: when the task is due it
 * calls the executor once per attempt with the task's id, the instant it waited for, the attempt number and the
 * task's version, never more than {@link #wakeLead()} before that instant; starting twice runs once; a restart begins
 * with its attempt; a stopped run never calls the executor; when the executor answers "retry at T" the workflow calls
 * it for the next attempt at T (the task's own retry policy lives in the executor), and a run that ended is reported
 * as ended.
 *
 * <p>These tests wait for real timers: their tasks are due a moment ahead ({@link #dueSoon()}) and every wait is
 * bounded ({@link #patience()}).
 */
@Timeout(60)
public abstract class RunningTaskWorkflowContract extends TaskWorkflowContract {

    /**
     * One call of the executor, as the workflow made it.
     *
     * @param taskId the task to run
     * @param timestamp the instant the workflow waited for, in its text form: the task's timestamp, or the time of a
     *     retry
     * @param attempt the attempt to run
     * @param version the task's version the run was started for
     * @param at when the executor was called
     */
    public record ExecutorCall(UUID taskId, String timestamp, int attempt, long version, Instant at) {}

    /** How long before the instant it waits for the workflow may call the executor, which waits out the rest. */
    protected abstract Duration wakeLead();

    /** How far ahead a task is due that should run during the test, but not before the test has set it up. */
    protected abstract Duration dueSoon();

    /** Every executor call made so far, in order. */
    protected abstract List<ExecutorCall> executorCalls();

    /**
     * From now on, the executor answers the first {@code times} attempts of the task with "retry at T", T being
     * {@code pause} after the call, for the attempt that follows; later attempts complete.
     */
    protected abstract void answerRetries(UUID taskId, int times, Duration pause);

    /** How long a test waits at most for what a run does. */
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Test
    void aDueTaskStartedTwiceIsHandedToTheExecutorOnceWithItsIdTimestampFirstAttemptAndVersion() {
        Task task = taskDueAt(now().plus(dueSoon()));

        workflow.start(task);
        workflow.start(task);

        ExecutorCall call = awaitCall(task.id(), c -> true);
        awaitEnded(task);
        assertThat(callsOf(task.id())).containsExactly(call);
        assertThat(call.timestamp()).isEqualTo(Timestamps.format(task.timestamp()));
        assertThat(call.attempt()).isEqualTo(1);
        assertThat(call.version()).isZero();
        assertThat(call.at()).isAfterOrEqualTo(task.timestamp().minus(wakeLead()));
    }

    @Test
    void aRunThatSucceededIsReportedEnded() {
        Task task = taskDueAt(now().plus(dueSoon()));
        workflow.start(task);

        awaitCall(task.id(), c -> true);

        assertThat(awaitEnded(task)).isEqualTo(endedState());
    }

    @Test
    void aRestartBeginsWithTheAttemptItIsFor() {
        Task task = taskDueAt(now().plus(dueSoon())).withAttempt(2, now());

        workflow.restart(task, 3);

        ExecutorCall call = awaitCall(task.id(), c -> true);
        assertThat(call.attempt()).isEqualTo(3);
        assertThat(call.timestamp()).isEqualTo(Timestamps.format(task.timestamp()));
    }

    @Test
    void aStoppedRunNeverCallsTheExecutor() {
        Instant due = now().plus(dueSoon());
        Task stopped = taskDueAt(due);
        Task witness = taskDueAt(due);
        workflow.start(stopped);
        workflow.start(witness);

        workflow.stop(stopped);

        // The witness, due at the same time, shows that time came; the stopped task's run never called.
        awaitCall(witness.id(), c -> true);
        awaitEnded(witness);
        assertThat(callsOf(stopped.id())).isEmpty();
        assertThat(workflow.state(stopped)).isEqualTo(endedState());
    }

    @Test
    void aChangedTaskRunsOnlyAsItsNewVersion() {
        Task task = taskDueAt(now().plus(dueSoon()));
        workflow.start(task);
        Task changed = changed(task, task.timestamp().plusMillis(500));
        workflow.start(changed);
        workflow.stop(task);

        ExecutorCall call = awaitCall(task.id(), c -> true);
        awaitEnded(changed);
        assertThat(callsOf(task.id())).containsExactly(call);
        assertThat(call.version()).isEqualTo(1);
        assertThat(call.timestamp()).isEqualTo(Timestamps.format(changed.timestamp()));
    }

    @Test
    void anAttemptAnsweredWithRetryAtIsFollowedByTheNextAttemptAtThatInstant() {
        Task task = taskDueAt(now().plus(dueSoon()));
        Duration pause = Duration.ofMillis(1500);
        answerRetries(task.id(), 2, pause);

        workflow.start(task);

        awaitCall(task.id(), call -> call.attempt() == 3);
        awaitEnded(task);
        List<ExecutorCall> calls = callsOf(task.id());
        assertThat(calls).extracting(ExecutorCall::attempt).containsExactly(1, 2, 3);
        for (int i = 1; i < calls.size(); i++) {
            Instant retryAt = calls.get(i - 1).at().plus(pause);
            ExecutorCall retry = calls.get(i);
            assertThat(Timestamps.parse(retry.timestamp()))
                    .as("attempt %d waits for the instant the executor answered", retry.attempt())
                    .isCloseTo(retryAt, org.assertj.core.api.Assertions.within(Duration.ofMillis(2)));
            assertThat(retry.at())
                    .as("attempt %d is not called early", retry.attempt())
                    .isAfterOrEqualTo(Timestamps.parse(retry.timestamp()).minus(wakeLead()));
        }
    }

    protected List<ExecutorCall> callsOf(UUID taskId) {
        return executorCalls().stream()
                .filter(call -> call.taskId().equals(taskId))
                .toList();
    }

    /** The first call for the task that matches, waiting for it at most {@link #patience()}. */
    protected ExecutorCall awaitCall(UUID taskId, Predicate<ExecutorCall> matching) {
        Instant deadline = Instant.now().plus(patience());
        while (true) {
            List<ExecutorCall> found = callsOf(taskId).stream().filter(matching).toList();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No matching executor call for task " + taskId + " within " + patience()
                        + "; calls: " + executorCalls());
            }
            pause();
        }
    }

    /** The task's state once it is no longer RUNNING, waiting for it at most {@link #patience()}. */
    protected WorkflowState awaitEnded(Task task) {
        Instant deadline = Instant.now().plus(patience());
        while (true) {
            WorkflowState state = workflow.state(task);
            if (state != WorkflowState.RUNNING) {
                return state;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Task " + task.id() + " still RUNNING after " + patience());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
