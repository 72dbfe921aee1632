package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.RetryPolicy;
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
 * calls the executor once per attempt with the task's id, timestamp and attempt number, never more than
 * {@link #wakeLead()} before the timestamp; starting twice runs once; a restart begins with its attempt; a stopped run
 * never calls the executor; a failed attempt is retried after the retry policy's pause, and once every attempt failed
 * the executor is called once more with the failure, to mark the task FAILED; a run that ended is reported as ended.
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
     * @param timestamp the task's timestamp in its text form
     * @param attempt the attempt to run, or with a failure the last attempt made
     * @param failureCause null for an attempt; else why the last attempt failed (the call that marks the task FAILED)
     * @param at when the executor was called
     */
    public record ExecutorCall(UUID taskId, String timestamp, int attempt, String failureCause, Instant at) {

        public boolean isFailure() {
            return failureCause != null;
        }
    }

    /** The retry policy the workflow was built with. */
    protected abstract RetryPolicy retryPolicy();

    /** How long before a task's timestamp the workflow may call the executor, which waits out the rest. */
    protected abstract Duration wakeLead();

    /** How far ahead a task is due that should run during the test, but not before the test has set it up. */
    protected abstract Duration dueSoon();

    /** Every executor call made so far, in order. */
    protected abstract List<ExecutorCall> executorCalls();

    /** From now on, the executor fails every attempt of the task, with this message. */
    protected abstract void failAttemptsOf(UUID taskId, String message);

    /** How long a test waits at most for what a run does. */
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Test
    void aDueTaskStartedTwiceIsHandedToTheExecutorOnceWithItsIdTimestampAndFirstAttempt() {
        Task task = taskDueAt(now().plus(dueSoon()));

        workflow.start(task);
        workflow.start(task);

        ExecutorCall call = awaitCall(task.id(), c -> true);
        awaitEnded(task);
        assertThat(callsOf(task.id())).containsExactly(call);
        assertThat(call.timestamp()).isEqualTo(Timestamps.format(task.timestamp()));
        assertThat(call.attempt()).isEqualTo(1);
        assertThat(call.isFailure()).isFalse();
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
    void failedAttemptsAreRetriedAfterThePolicysPauseThenTheFailureIsReportedOnce() {
        Task task = taskDueAt(now().plus(dueSoon()));
        failAttemptsOf(task.id(), "endpoint down");

        workflow.start(task);

        awaitCall(task.id(), ExecutorCall::isFailure);
        awaitEnded(task);
        List<ExecutorCall> calls = callsOf(task.id());
        int max = retryPolicy().maxAttempts();
        assertThat(calls).hasSize(max + 1);
        assertThat(calls.subList(0, max))
                .extracting(ExecutorCall::attempt)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, max).boxed().toList());
        assertThat(calls.subList(0, max)).noneMatch(ExecutorCall::isFailure);
        for (int attempt = 1; attempt < max; attempt++) {
            assertThat(Duration.between(
                            calls.get(attempt - 1).at(), calls.get(attempt).at()))
                    .as("pause after attempt %d", attempt)
                    .isGreaterThanOrEqualTo(retryPolicy().pauseAfter(attempt));
        }
        ExecutorCall failure = calls.get(max);
        assertThat(failure.attempt()).isEqualTo(max);
        assertThat(failure.failureCause()).contains("endpoint down");
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
