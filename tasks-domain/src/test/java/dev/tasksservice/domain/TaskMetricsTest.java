package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.recover.RedriveTask;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.ScheduleTask;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The use cases tell the metrics port what happened, where it happened: a task's way through the pipeline. */
class TaskMetricsTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final Recorded metrics = new Recorded();
    /** Wakes 250 ms after the instant it waits for, as a timer would. */
    private final Sleeper lateSleeper = instant -> clock.set(instant.plusMillis(250));

    private final TaskScheduling scheduling = new TaskScheduling(
            store,
            SchedulingPolicy.defaults(),
            RetryLimits.DEFAULT,
            new TargetCheck(TargetRules.STRICT, host -> List.of()),
            clock,
            queue,
            workflow,
            metrics);

    @Test
    void aTaskIsCountedCreatedDispatchedAndRunWithHowLateItBegan() throws InterruptedException {
        Task task = schedule(Duration.ofSeconds(60));
        // Within the lookahead: sent at once.
        assertThat(metrics.events).containsExactly("created", "dispatched 1");

        new StartTaskWorkflow(store, workflow, clock, metrics).start(task.id());
        executor((t, at) -> Delivery.succeeded(200)).execute(task.id(), 1, 0);

        assertThat(metrics.events).containsExactly("created", "dispatched 1", "ran 250");
    }

    @Test
    void thePollerCountsTheTasksItSent() {
        schedule(Duration.ofMinutes(10));
        schedule(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));

        new DispatchDueTasks(store, queue, clock, Paging.DEFAULT, metrics).run();

        assertThat(metrics.events).containsExactly("created", "created", "dispatched 2");
    }

    @Test
    void aFailedAttemptCountsRetriedThenTheLastOneFailed() throws InterruptedException {
        Task task = schedule(Duration.ofMinutes(1));
        new StartTaskWorkflow(store, workflow, clock).start(task.id());
        ExecuteTask executor = executor((t, at) -> Delivery.failed("503 from the target"));
        metrics.events.clear();

        ExecuteTask.Outcome first = executor.execute(task.id(), 1, 0);
        executor.execute(task.id(), 2, 0);
        executor.execute(task.id(), 3, 0);

        assertThat(first.retries()).isTrue();
        assertThat(metrics.events).containsExactly("ran 250", "retried", "ran 250", "retried", "ran 250", "failed");
    }

    @Test
    void aCancelAndAChangeAreCounted() {
        Task cancelled = schedule(Duration.ofMinutes(10));
        Task changed = schedule(Duration.ofMinutes(10));
        metrics.events.clear();

        scheduling.cancel(TenantId.DEFAULT, cancelled.id());
        scheduling.reschedule(new RescheduleTask(
                TenantId.DEFAULT,
                changed.id(),
                DueTime.after(Duration.ofMinutes(20)),
                Optional.empty(),
                Optional.empty(),
                null));

        assertThat(metrics.events).containsExactly("cancelled", "rescheduled");
    }

    @Test
    void aSweepCountsTheStuckTasksItFoundAndThoseItMarkedFailed() {
        Instant longAgo = clock.instant().minus(Duration.ofHours(1));
        stuckInProgress(longAgo, 0);
        // Its 3 attempts and the lost runs not counted are used up.
        stuckInProgress(longAgo, 3 + RedriveTask.LOST_RUNS_NOT_COUNTED);
        RecoverStuckTasks recovery = new RecoverStuckTasks(
                store, workflow, clock, new RecoverStuckTasks.Settings(Duration.ofMinutes(5), Paging.DEFAULT), metrics);

        recovery.run();
        recovery.run();

        assertThat(metrics.events).containsExactly("failed", "stuck 2", "stuck 0");
    }

    private ExecuteTask executor(dev.tasksservice.domain.port.out.TaskAction action) {
        return new ExecuteTask(store, action, lateSleeper, clock, RandomGenerator.getDefault(), metrics);
    }

    private Task schedule(Duration ahead) {
        return scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(ahead), null, null))
                .task();
    }

    private void stuckInProgress(Instant timestamp, int attempts) {
        OverdueTasks.inProgress(store, timestamp, attempts);
    }

    /** What the use cases told the port, in order; store and target calls are timed outside the domain. */
    private static final class Recorded implements TaskMetrics {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void created() {
            events.add("created");
        }

        @Override
        public void dispatched(int count) {
            events.add("dispatched " + count);
        }

        @Override
        public void ran(Duration lateness) {
            events.add("ran " + lateness.toMillis());
        }

        @Override
        public void retried() {
            events.add("retried");
        }

        @Override
        public void failed() {
            events.add("failed");
        }

        @Override
        public void cancelled() {
            events.add("cancelled");
        }

        @Override
        public void rescheduled() {
            events.add("rescheduled");
        }

        @Override
        public void stuck(int count) {
            events.add("stuck " + count);
        }

        @Override
        public void storeCalled(String operation, Duration took) {}

        @Override
        public void targetCalled(Duration took) {}
    }
}
