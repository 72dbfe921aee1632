package dev.tasksservice.domain.recover;

import dev.tasksservice.domain.model.PagedWalk;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.port.out.ChangeTaskStatus;
import dev.tasksservice.domain.port.out.FindDueTasks;
import dev.tasksservice.domain.port.out.LoadTask;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Finds tasks left IN_PROGRESS well after their time and asks their workflow what happened: a running workflow is left
 * alone, one that ended or is missing is re-driven, or the task marked FAILED when its attempts are used up
 * ({@link RedriveTask}). Tasks still waiting well after their time get their workflow started: the index the poller
 * reads may show them in another status than the table does (the sweep reads both lists for that reason). The same rule for every runtime: the AWS poller runs it after dispatching, the local runtime
 * at start and on every poll. The sweep pages through the store and stops on its budget; the next run of the same
 * instance goes on from there (tasks whose workflow runs stay IN_PROGRESS, so starting over each time could keep
 * the sweep from ever reaching the tasks behind them), and a run that reaches the end starts the next one afresh.
 */
public class RecoverStuckTasks {

    private final FindDueTasks dueTasks;
    private final LoadTask tasks;
    private final TaskWorkflow workflow;
    private final RedriveTask redrive;
    private final Clock clock;
    private final Settings settings;
    private final PagedWalk walk;
    private final PagedWalk waitingWalk;
    private final TaskMetrics metrics;

    public <S extends FindDueTasks & LoadTask & ChangeTaskStatus> RecoverStuckTasks(
            S store, TaskWorkflow workflow, Clock clock, Settings settings) {
        this(store, workflow, clock, settings, TaskMetrics.NONE);
    }

    /** With {@code metrics} told, after each sweep, how many stuck tasks it found, and of each it marked FAILED. */
    public <S extends FindDueTasks & LoadTask & ChangeTaskStatus> RecoverStuckTasks(
            S store, TaskWorkflow workflow, Clock clock, Settings settings, TaskMetrics metrics) {
        this(store, store, workflow, clock, settings, metrics);
    }

    /**
     * With the two lists read from {@code lists} rather than from the store: a reading of the table itself, where the
     * store's index can lose entries (a local server stopped half way through a write).
     */
    public <S extends LoadTask & ChangeTaskStatus> RecoverStuckTasks(
            FindDueTasks lists, S store, TaskWorkflow workflow, Clock clock, Settings settings, TaskMetrics metrics) {
        this.dueTasks = lists;
        this.tasks = store;
        this.workflow = workflow;
        this.redrive = new RedriveTask(store, workflow, clock, metrics);
        this.metrics = metrics;
        this.clock = clock;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.walk = new PagedWalk(settings.paging(), clock);
        this.waitingWalk = new PagedWalk(settings.paging(), clock);
    }

    public Report run() {
        // A task's pick-up second is never after its timestamp, so the index narrows the walk to the candidates.
        Instant overdueBefore = clock.instant().minus(settings.grace());
        Counts counts = new Counts();
        PagedWalk.Result inProgress = walk.walk(
                cursor -> dueTasks.findDue(TaskStatus.IN_PROGRESS, overdueBefore, walk.pageSize(), cursor),
                tasks -> recoverOverdue(tasks, overdueBefore, counts));
        // Tasks still listed as waiting that long after their time: the index may lag behind a task in progress.
        PagedWalk.Result waiting = waitingWalk.walk(
                cursor -> dueTasks.findDue(TaskStatus.SCHEDULED, overdueBefore, waitingWalk.pageSize(), cursor),
                tasks -> recoverOverdue(tasks, overdueBefore, counts));
        Report report = counts.report(inProgress.stoppedOnBudget() || waiting.stoppedOnBudget());
        metrics.stuck(report.stuck());
        return report;
    }

    private void recoverOverdue(List<Task> listed, Instant overdueBefore, Counts counts) {
        listed.stream()
                .filter(task -> task.timestamp().isBefore(overdueBefore))
                .forEach(task -> counts.add(recover(task, overdueBefore)));
    }

    private Outcome recover(Task listed, Instant overdueBefore) {
        // The index may lag behind the table: decide on the task as it is now.
        Task task = tasks.find(listed.id()).orElse(null);
        if (task != null
                && task.status() == TaskStatus.SCHEDULED
                && task.timestamp().isBefore(overdueBefore)) {
            // Waiting in the table well after its time: its dispatch was lost, or a start that failed half way left
            // the index ahead of the table, so that a poller reading the index never sees it due. Its workflow is
            // started (the executor marks the task when it claims the attempt), or run again if it already ended.
            if (workflow.state(task) == WorkflowState.RUNNING) {
                return Outcome.RUNNING;
            }
            return workflow.start(task) == WorkflowState.CLOSED ? redriven(task) : Outcome.REDRIVEN;
        }
        if (task == null || task.status() != TaskStatus.IN_PROGRESS) {
            return Outcome.MOVED_ON;
        }
        if (workflow.state(task) == WorkflowState.RUNNING) {
            return Outcome.RUNNING;
        }
        return redriven(task);
    }

    private Outcome redriven(Task task) {
        return switch (redrive.redrive(task)) {
            case REDRIVEN -> Outcome.REDRIVEN;
            case FAILED -> Outcome.FAILED;
            case MOVED_ON -> Outcome.MOVED_ON;
        };
    }

    /**
     * @param grace how long after its timestamp a task may stay IN_PROGRESS before its workflow is asked about it
     * @param paging the page size and the time budget of one sweep
     */
    public record Settings(Duration grace, Paging paging) {

        /** On AWS: 5 minutes of grace, 100 tasks a page, 10 s a sweep (the poller dispatches first). */
        public static final Settings DEFAULT =
                new Settings(Duration.ofMinutes(5), new Paging(100, Duration.ofSeconds(10)));

        public Settings {
            Objects.requireNonNull(grace, "grace");
            Objects.requireNonNull(paging, "paging");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative");
            }
        }
    }

    /**
     * What one sweep found among the overdue tasks in progress.
     *
     * @param running whose workflow is still running, left alone
     * @param redriven whose workflow had ended or was missing, started again
     * @param failed whose attempts were used up, marked FAILED
     * @param movedOn that changed while the sweep looked at them, left alone
     * @param stoppedOnBudget whether the sweep stopped because its time was used
     */
    public record Report(int running, int redriven, int failed, int movedOn, boolean stoppedOnBudget) {

        public int examined() {
            return running + redriven + failed + movedOn;
        }

        /** The tasks found stuck: their workflow had ended or was missing, so they were re-driven or marked FAILED. */
        public int stuck() {
            return redriven + failed;
        }
    }

    private enum Outcome {
        RUNNING,
        REDRIVEN,
        FAILED,
        MOVED_ON
    }

    private static final class Counts {
        private int running;
        private int redriven;
        private int failed;
        private int movedOn;

        void add(Outcome outcome) {
            switch (outcome) {
                case RUNNING -> running++;
                case REDRIVEN -> redriven++;
                case FAILED -> failed++;
                case MOVED_ON -> movedOn++;
            }
        }

        Report report(boolean stoppedOnBudget) {
            return new Report(running, redriven, failed, movedOn, stoppedOnBudget);
        }
    }
}
