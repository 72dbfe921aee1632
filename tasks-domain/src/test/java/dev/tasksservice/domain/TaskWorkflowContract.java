package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskWorkflow} promises about its runs: starting, starting again, restarting for an attempt,
 * stopping, and the state it reports. The tasks here are due an hour ahead, so no run reaches its executor; what a run
 * does once its task is due is in {@link RunningTaskWorkflowContract}, for the workflows that run an executor.
 *
 * <p>Adapters differ in one legitimate way, which each one's test declares with {@link #endedState()}: Step Functions
 * (and the fake modelled on it) keeps an ended run and reports it CLOSED, so a second start of the same run answers
 * CLOSED and the domain re-drives the task; the local timer forgets a run once it ended, reports MISSING, and a second
 * start begins a new run. Either way {@code start} answers CLOSED exactly when {@code state} said CLOSED.
 */
public abstract class TaskWorkflowContract {

    protected TaskWorkflow workflow;

    /** A new workflow that knows no run. */
    protected abstract TaskWorkflow newWorkflow();

    /** What {@link TaskWorkflow#state} reports for a task whose latest run ended: CLOSED, or MISSING if forgotten. */
    protected abstract WorkflowState endedState();

    /** Now, as the workflow's clock tells it. */
    protected Instant now() {
        return Instant.now();
    }

    @BeforeEach
    void freshWorkflow() {
        workflow = newWorkflow();
    }

    @Test
    void aTaskNeverStartedIsMissing() {
        assertThat(workflow.state(taskDueLater())).isEqualTo(WorkflowState.MISSING);
    }

    @Test
    void aStartedTaskIsRunning() {
        Task task = taskDueLater();

        assertThat(workflow.start(task)).isEqualTo(WorkflowState.RUNNING);

        assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void startingARunningTaskAgainIsNotAnErrorAndItStaysRunning() {
        Task task = taskDueLater();
        workflow.start(task);

        assertThat(workflow.start(task)).isEqualTo(WorkflowState.RUNNING);

        assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void aStoppedTaskIsNoLongerRunning() {
        Task task = taskDueLater();
        workflow.start(task);

        workflow.stop(task);

        assertThat(workflow.state(task)).isEqualTo(endedState());
    }

    @Test
    void stoppingATaskNeverStartedOrStoppingTwiceIsNotAnError() {
        Task never = taskDueLater();
        Task task = taskDueLater();
        workflow.start(task);

        workflow.stop(never);
        workflow.stop(task);
        workflow.stop(task);

        assertThat(workflow.state(never)).isEqualTo(WorkflowState.MISSING);
        assertThat(workflow.state(task)).isEqualTo(endedState());
    }

    @Test
    void stoppingOneTaskLeavesTheOthersRunning() {
        Task stopped = taskDueLater();
        Task other = taskDueLater();
        workflow.start(stopped);
        workflow.start(other);

        workflow.stop(stopped);

        assertThat(workflow.state(other)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void startingATaskWhoseRunEndedAnswersClosedExactlyWhenItsStateIsClosed() {
        Task task = taskDueLater();
        workflow.start(task);
        workflow.stop(task);
        WorkflowState before = workflow.state(task);

        WorkflowState started = workflow.start(task);

        if (before == WorkflowState.CLOSED) {
            // The run of that name ended and is not run again: the domain re-drives the task.
            assertThat(started).isEqualTo(WorkflowState.CLOSED);
            assertThat(workflow.state(task)).isEqualTo(WorkflowState.CLOSED);
        } else {
            assertThat(started).isEqualTo(WorkflowState.RUNNING);
            assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
        }
    }

    @Test
    void aRestartForTheNextAttemptRunsAgainAfterTheFirstRunEnded() {
        Task task = taskDueLater();
        workflow.start(task);
        workflow.stop(task);
        Task afterOneAttempt = task.withAttempt(1, task.lastUpdatedAt());

        assertThat(workflow.restart(afterOneAttempt, 2)).isEqualTo(WorkflowState.RUNNING);

        assertThat(workflow.state(afterOneAttempt)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void restartingForTheSameAttemptAgainIsNotAnError() {
        Task task = taskDueLater().withAttempt(1, now());
        workflow.restart(task, 2);

        assertThat(workflow.restart(task, 2)).isEqualTo(WorkflowState.RUNNING);

        assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void stoppingARestartedTaskEndsItsLatestRun() {
        Task task = taskDueLater().withAttempt(1, now());
        workflow.restart(task, 2);

        workflow.stop(task);

        assertThat(workflow.state(task)).isEqualTo(endedState());
    }

    @Test
    void aChangedTaskGetsARunOfItsOwnAfterTheOldOneWasStopped() {
        Task task = taskDueLater();
        workflow.start(task);
        workflow.stop(task);
        Task changed = changed(task, task.timestamp().plusSeconds(60));

        assertThat(workflow.start(changed)).isEqualTo(WorkflowState.RUNNING);

        assertThat(workflow.state(changed)).isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void stoppingTheRunOfTheOldVersionLeavesTheNewOneRunning() {
        Task task = taskDueLater();
        workflow.start(task);
        Task changed = changed(task, task.timestamp().plusSeconds(60));
        workflow.start(changed);

        workflow.stop(task);

        assertThat(workflow.state(changed)).isEqualTo(WorkflowState.RUNNING);
    }

    /** {@code task} as a client's change makes it: due at {@code timestamp}, SCHEDULED, one version on. */
    protected Task changed(Task task, Instant timestamp) {
        return task.after(new Reschedule(
                task.id(),
                task.version(),
                timestamp,
                timestamp.getEpochSecond() - 120,
                task.payload(),
                task.target(),
                task.retry(),
                now()));
    }

    /** A task due an hour from now, with no attempt made, as the consumer starts it. */
    protected Task taskDueLater() {
        return taskDueAt(now().plus(Duration.ofHours(1)));
    }

    protected Task taskDueAt(Instant timestamp) {
        Instant now = now();
        return Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, timestamp, timestamp.getEpochSecond() - 120, now, null, null);
    }
}
