package dev.tasksservice.local;

import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.functions.TaskExecutor;
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
 * with the state machine's input and its retry policy, and reports the failure once the retries are used up.
 * Timers live in memory; after a restart {@link LocalWorkflowRecovery} arms them again from the task table.
 */
public class LocalTimerWorkflow implements TaskWorkflow, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalTimerWorkflow.class);

    private final Function<TaskExecutor.Input, TaskExecutor.Result> executor;
    private final RetryPolicy retryPolicy;
    private final Duration wakeLead;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-workflow-timer").daemon().factory());
    // An attempt may wait for its task's timestamp: virtual threads make a thousand waiting attempts cheap.
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();

    public LocalTimerWorkflow(
            Function<TaskExecutor.Input, TaskExecutor.Result> executor,
            RetryPolicy retryPolicy,
            Duration wakeLead,
            Clock clock) {
        this.executor = executor;
        this.retryPolicy = retryPolicy;
        this.wakeLead = wakeLead;
        this.clock = clock;
    }

    /** Arms the task's timer unless it is armed already, like a Step Functions execution named by the task id. */
    @Override
    public WorkflowState start(Task task) {
        return restart(task, task.attempts() + 1);
    }

    /**
     * Arms the task's timer for attempt {@code attempt} unless one is armed already. Timers live only while they are
     * armed, so there is never a closed one to report: the answer is always RUNNING.
     */
    @Override
    public WorkflowState restart(Task task, int attempt) {
        running.computeIfAbsent(task.id(), id -> {
            if (attempt > retryPolicy.maxAttempts()) {
                // Stopped mid-run with every attempt claimed: nothing is left to try.
                return attempts.submit(() -> fail(task, "no attempts left after a restart"));
            }
            return schedule(task, attempt, task.timestamp().minus(wakeLead));
        });
        return WorkflowState.RUNNING;
    }

    /** RUNNING while the task has an armed timer or a running attempt; MISSING otherwise (never CLOSED). */
    @Override
    public WorkflowState state(Task task) {
        return isArmed(task.id()) ? WorkflowState.RUNNING : WorkflowState.MISSING;
    }

    @Override
    public void stop(Task task) {
        // One timer per task, whichever run armed it.
        Future<?> execution = running.remove(task.id());
        if (execution != null) {
            execution.cancel(false);
        }
    }

    /** Whether the task has an armed timer or a running attempt. */
    public boolean isArmed(UUID taskId) {
        return running.containsKey(taskId);
    }

    private Future<?> schedule(Task task, int attempt, Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        return timer.schedule(() -> launch(task, attempt), delay, TimeUnit.NANOSECONDS);
    }

    private void launch(Task task, int attempt) {
        try {
            attempts.execute(() -> run(task, attempt));
        } catch (RuntimeException e) {
            // Shutting down, or out of resources: the task stays IN_PROGRESS and is armed again later.
            running.remove(task.id());
            log.error("Task {} attempt {} could not start", task.id(), attempt, e);
        }
    }

    private void run(Task task, int attempt) {
        try {
            executor.apply(input(task, attempt, null));
            running.remove(task.id());
        } catch (RuntimeException e) {
            if (retryPolicy.retriesAfter(attempt)) {
                log.info("Task {} attempt {} failed, retrying: {}", task.id(), attempt, e.getMessage());
                running.put(
                        task.id(), schedule(task, attempt + 1, clock.instant().plus(retryPolicy.pauseAfter(attempt))));
            } else {
                fail(task, e.getMessage());
            }
        }
    }

    private void fail(Task task, String cause) {
        try {
            executor.apply(input(task, retryPolicy.maxAttempts(), new TaskExecutor.Failure("TaskFailed", cause)));
        } catch (RuntimeException e) {
            log.error("Task {} could not be marked FAILED", task.id(), e);
        } finally {
            running.remove(task.id());
        }
    }

    private static TaskExecutor.Input input(Task task, int attempt, TaskExecutor.Failure failure) {
        return new TaskExecutor.Input(task.id().toString(), Timestamps.format(task.timestamp()), attempt, failure);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        attempts.shutdownNow();
    }
}
