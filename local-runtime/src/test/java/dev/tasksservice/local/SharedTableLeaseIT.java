package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.functions.ClockSleeper;
import dev.tasksservice.functions.TaskExecutor;
import dev.tasksservice.local.usage.WorkflowMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes' timers on one table (dynalite), each with the real executor: the recovery sweep of one meets a task
 * whose attempt the other is delivering. It leaves it alone while the claim is within the attempt lease, and takes the
 * task over once the lease has run out, as it would for a runtime gone.
 */
class SharedTableLeaseIT {

    private static final Duration WAKE_LEAD = Duration.ofMillis(50);
    private static final Duration LEASE = Duration.ofSeconds(2);
    /** Every task here is due already: the sweep looks at it at once. */
    private static final RecoverStuckTasks.Settings SWEEP =
            new RecoverStuckTasks.Settings(Duration.ZERO, new Paging(100, Duration.ofSeconds(10)));

    private final Clock clock = Clock.systemUTC();
    private final DynamoDbTaskStore store;
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private final LocalTimerWorkflow first;
    private final LocalTimerWorkflow second;

    SharedTableLeaseIT() {
        TaskTable table =
                TaskTable.forStage("lease-" + UUID.randomUUID().toString().substring(0, 8));
        table.createIfMissing(DynaliteServer.shared().client());
        store = new DynamoDbTaskStore(DynaliteServer.shared().client(), table);
        first = runtime("first", releaseFirst);
        second = runtime("second", new CountDownLatch(0));
    }

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        first.close();
        second.close();
    }

    @Test
    void aSweepLeavesAloneAnAttemptAnotherRuntimeIsDelivering() throws Exception {
        Task task = dueNow();
        first.start(task);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.contains("first attempt 1"));

        RecoverStuckTasks.Report report = new RecoverStuckTasks(store, second, clock, SWEEP).run();

        assertThat(report.running()).isEqualTo(1);
        assertThat(report.redriven()).isZero();
        releaseFirst.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(task) == TaskStatus.COMPLETED);
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(deliveries).containsExactly("first attempt 1");
    }

    @Test
    void aSweepTakesOverAnAttemptWhoseClaimIsOlderThanTheLease() throws Exception {
        Task task = dueNow();
        first.start(task);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.contains("first attempt 1"));
        TimeUnit.MILLISECONDS.sleep(LEASE.plusMillis(300).toMillis());

        RecoverStuckTasks.Report report = new RecoverStuckTasks(store, second, clock, SWEEP).run();

        // The first runtime counts as gone: the second runs the next attempt.
        assertThat(report.redriven()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(task) == TaskStatus.COMPLETED);
        assertThat(deliveries).containsExactly("first attempt 1", "second attempt 2");
    }

    /** A runtime's timers calling the real executor on the shared table; its deliveries wait for {@code release}. */
    private LocalTimerWorkflow runtime(String name, CountDownLatch release) {
        ExecuteTask execute = new ExecuteTask(
                store,
                (task, startedAt) -> {
                    deliveries.add(name + " attempt "
                            + store.find(task.id()).orElseThrow().attempts());
                    release.await();
                    return Delivery.succeeded(200);
                },
                new ClockSleeper(clock),
                clock);
        TaskExecutor executor = new TaskExecutor(execute, TaskMetrics.NONE);
        return new LocalTimerWorkflow(executor, WAKE_LEAD, 0, LEASE, WorkflowMeter.NONE, clock);
    }

    private Task dueNow() {
        Instant now = clock.instant();
        Task task = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, now.plusMillis(200), now.getEpochSecond(), now, null, null);
        store.create(task);
        return task;
    }

    private TaskStatus status(Task task) {
        return store.find(task.id()).orElseThrow().status();
    }
}
