package dev.tasksservice.local;

import dev.tasksservice.aws.ExpressFirstRun;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.functions.TaskExecutor;
import dev.tasksservice.local.usage.UnbilledSleeper;
import dev.tasksservice.local.usage.WorkflowMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Step Functions workflow, in process: a timer per task that calls the taskExecutor function when the task is due,
 * with the state machine's input, and again for each attempt the executor answers "retry at T" for (the task's own
 * retry policy lives in the executor). Runs are per task version, as executions are named on AWS: starting a newer
 * version replaces the run of an older one. A run wakes {@code wakeLead} before the instant it waits for, so the
 * executor has claimed the attempt by then, or earlier when many runs would wake in the same second ({@link
 * WakeSlots}). Timers live in memory; after a restart {@link LocalWorkflowRecovery} arms them again from the task
 * table. Each run is told to a {@link WorkflowMeter} as the deployed workflows would bill it: a first run started close
 * to the task's time ({@link ExpressFirstRun}) as one Express execution, from its start to the end of its first
 * attempt; every other attempt as one in the Standard workflow.
 */
public class LocalTimerWorkflow implements TaskWorkflow, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalTimerWorkflow.class);

    private final Function<TaskExecutor.Input, TaskExecutor.Result> executor;
    /**
     * How long an attempt may run before its run counts as lost. An attempt is bounded: its wait for the task's time
     * (a crowd wakes it at most 10 s early), the delivery (a target's timeout is at most 60 s) and its store calls (at
     * most 30 s each, recording tried again for 15 s) come to under 4 minutes. One that runs longer is stuck somewhere no bound
     * reaches, and keeping its run registered would keep the recovery sweep away from the task for ever.
     */
    static final Duration ATTEMPT_LEASE = Duration.ofMinutes(5);

    private final Duration wakeLead;
    private final Duration attemptLease;
    private final WorkflowMeter meter;
    private final WakeSlots wakeSlots;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-workflow-timer").daemon().factory());
    // Platform threads, not virtual ones: with as many carriers as cores (two here), attempts of a just started JVM
    // that meet in a class's initialisation could pin every carrier while the one initialising it waits for one, and
    // stop every attempt for good. An attempt waits at most seconds for its time, so the threads are few and brief.
    private final ExecutorService attempts = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("local-attempt-", 0).daemon().factory());
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private final ClaimLease claims;

    /** Runs that wake {@code wakeLead} before their time, however many wake at once. */
    public LocalTimerWorkflow(
            Function<TaskExecutor.Input, TaskExecutor.Result> executor, Duration wakeLead, Clock clock) {
        this(executor, wakeLead, 0, clock);
    }

    /**
     * Runs that wake {@code wakeLead} before their time, and earlier when more than {@code wakesPerSecond} would wake
     * in the same second (0: no limit).
     */
    public LocalTimerWorkflow(
            Function<TaskExecutor.Input, TaskExecutor.Result> executor,
            Duration wakeLead,
            int wakesPerSecond,
            Clock clock) {
        this(executor, wakeLead, wakesPerSecond, WorkflowMeter.NONE, clock);
    }

    /** As above, with each run told to {@code meter}. */
    public LocalTimerWorkflow(
            Function<TaskExecutor.Input, TaskExecutor.Result> executor,
            Duration wakeLead,
            int wakesPerSecond,
            WorkflowMeter meter,
            Clock clock) {
        this(executor, wakeLead, wakesPerSecond, ATTEMPT_LEASE, meter, clock);
    }

    /** As above, with attempts taken over once they have run for {@code attemptLease}. */
    LocalTimerWorkflow(
            Function<TaskExecutor.Input, TaskExecutor.Result> executor,
            Duration wakeLead,
            int wakesPerSecond,
            Duration attemptLease,
            WorkflowMeter meter,
            Clock clock) {
        this.executor = executor;
        this.wakeLead = wakeLead;
        this.attemptLease = attemptLease;
        this.claims = new ClaimLease(attemptLease);
        this.meter = meter;
        this.wakeSlots = new WakeSlots(wakesPerSecond, clock);
        this.clock = clock;
    }

    /** Arms the task's timer for its next attempt unless its version has one armed already. */
    @Override
    public WorkflowState start(Task task) {
        return arm(task, task.attempts() + 1, ExpressFirstRun.fits(task, clock.instant()));
    }

    /**
     * Arms the task's timer for attempt {@code attempt}, at the task's next run time, unless its version has a run
     * already; a run of an older version is replaced. Runs are forgotten once they end, so there is never a closed one
     * to report: the answer is always RUNNING.
     */
    @Override
    public WorkflowState restart(Task task, int attempt) {
        return arm(task, attempt, false);
    }

    private WorkflowState arm(Task task, int attempt, boolean express) {
        Instant now = clock.instant();
        runs.compute(task.id(), (id, current) -> {
            if (current != null
                    && (current.version > task.version()
                            || current.version == task.version() && !current.overran(now))) {
                // Armed already; or a newer version is, and this stale request would be skipped by the executor.
                return current;
            }
            if (current != null) {
                if (current.overran(now)) {
                    log.warn("Task {}: an attempt has run for more than {}; a new run takes over", id, attemptLease);
                }
                current.stop();
            }
            Run run = new Run(id, task.version(), express ? now : null);
            run.arm(attempt, task.nextRunAt());
            claims.armed(id);
            return run;
        });
        return WorkflowState.RUNNING;
    }

    /**
     * RUNNING while the task's version has an armed timer or an attempt running here for less than the lease, or while
     * its latest attempt, claimed less than the lease ago, is held by another runtime on the same table ({@link
     * ClaimLease}); MISSING otherwise (never CLOSED), so the recovery sweep takes over a run whose attempt never came
     * back.
     */
    @Override
    public WorkflowState state(Task task) {
        Instant now = clock.instant();
        Run run = runs.get(task.id());
        if (run != null && run.version == task.version()) {
            return run.overran(now) ? WorkflowState.MISSING : WorkflowState.RUNNING;
        }
        return claims.heldElsewhere(task, now) ? WorkflowState.RUNNING : WorkflowState.MISSING;
    }

    /** Stops the run of the task's version, if any; a run of another version goes on. */
    @Override
    public void stop(Task task) {
        runs.computeIfPresent(task.id(), (id, run) -> {
            if (run.version != task.version()) {
                return run;
            }
            run.stop();
            return null;
        });
    }

    /** Whether the task has an armed timer or a running attempt, of whichever version. */
    public boolean isArmed(UUID taskId) {
        return runs.containsKey(taskId);
    }

    /** How many tasks have a run here: waiting for their time, or attempting. */
    public int armed() {
        return runs.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        attempts.shutdownNow();
    }

    /** The run of one version of a task: its armed timer, or the attempt the timer launched. */
    private final class Run {

        private final UUID taskId;
        private final long version;
        private Future<?> armed;
        /** The wake time of the armed timer until it fires; null then. */
        private Instant wake;
        /** When the attempt under way began; null while the timer waits. */
        private Instant attemptSince;

        private boolean stopped;
        /** When the Express execution that runs the first attempt began; null for a run in the Standard workflow. */
        private Instant expressSince;

        Run(UUID taskId, long version, Instant expressSince) {
            this.taskId = taskId;
            this.version = version;
            this.expressSince = expressSince;
        }

        /** Fires {@link #wakeLead} before {@code at}, or earlier in a crowd; the executor waits out the rest. */
        synchronized void arm(int attempt, Instant at) {
            if (stopped) {
                return;
            }
            attemptSince = null;
            wake = wakeSlots.take(at.minus(wakeLead));
            long delay = Math.max(0, Duration.between(clock.instant(), wake).toNanos());
            armed = timer.schedule(() -> launch(attempt, at), delay, TimeUnit.NANOSECONDS);
        }

        synchronized void stop() {
            stopped = true;
            if (armed != null) {
                // An attempt already calling the executor finishes: its claim finds the task changed or cancelled.
                armed.cancel(false);
            }
            if (wake != null) {
                wakeSlots.release(wake);
                wake = null;
            }
        }

        private synchronized void woke() {
            wake = null;
            attemptSince = clock.instant();
        }

        /** Whether its attempt has run for longer than the lease. */
        synchronized boolean overran(Instant now) {
            return attemptSince != null && now.isAfter(attemptSince.plus(attemptLease));
        }

        private synchronized boolean stopped() {
            return stopped;
        }

        private synchronized boolean inExpressRun() {
            return expressSince != null;
        }

        /** Tells the meter of the attempt just ended: the Express run it ends, or one attempt in the Standard one. */
        private synchronized void billed(Instant due) {
            if (expressSince != null) {
                meter.expressRun(expressSince, due, clock.instant());
                // A retry is handed over to the Standard workflow.
                expressSince = null;
            } else {
                meter.standardAttempt();
            }
        }

        private void launch(int attempt, Instant at) {
            woke();
            try {
                attempts.execute(() -> attempt(attempt, at));
            } catch (RuntimeException e) {
                // Shutting down, or out of resources: the task stays IN_PROGRESS and is armed again later.
                claims.failedHere(taskId, version, attempt, clock.instant());
                end();
                log.error("Task {} attempt {} could not start", taskId, attempt, e);
            }
        }

        private void attempt(int attempt, Instant at) {
            if (stopped()) {
                return;
            }
            TaskExecutor.Result result;
            TaskExecutor.Input input =
                    new TaskExecutor.Input(taskId.toString(), Timestamps.format(at), attempt, version);
            try {
                result = inExpressRun()
                        ? UnbilledSleeper.inExpressRun(() -> executor.apply(input))
                        : executor.apply(input);
            } catch (RuntimeException | Error e) {
                billed(at);
                // Infrastructure trouble (the table unreachable, say): the task stays IN_PROGRESS and the
                // recovery sweep arms it again, at once: this runtime knows the attempt is over.
                claims.failedHere(taskId, version, attempt, clock.instant());
                end();
                log.error(
                        "Task {} attempt {}: the executor failed; the recovery sweep takes it over",
                        taskId,
                        attempt,
                        e);
                if (e instanceof Error error) {
                    throw error;
                }
                return;
            }
            billed(at);
            if (result.retries()) {
                log.debug(
                        "Task {} attempt {} failed ({}), attempt {} at {}",
                        taskId,
                        attempt,
                        result.error(),
                        result.nextAttempt(),
                        result.retryAt());
                arm(result.nextAttempt(), Timestamps.parse(result.retryAt()));
                return;
            }
            end();
            if (TaskExecutor.SKIPPED.equals(result.status())) {
                log.debug("Task {} attempt {} skipped: {}", taskId, attempt, result.skippedBecause());
            } else if (TaskExecutor.FAILED.equals(result.status())) {
                log.info("Task {} FAILED after attempt {}: {}", taskId, attempt, result.error());
            }
        }

        /** Forgets this run, unless a newer one took its place. */
        private void end() {
            runs.remove(taskId, this);
        }
    }
}
