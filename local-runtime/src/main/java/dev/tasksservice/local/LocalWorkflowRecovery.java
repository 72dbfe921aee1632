package dev.tasksservice.local;

import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.port.out.FindDueTasks;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.recover.RedriveTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Arms the timers of tasks in progress again, and sweeps for tasks stuck in progress. The local workflow keeps its
 * timers in memory, so after a restart every task that was IN_PROGRESS has lost its timer (a Step Functions execution
 * would have survived): at startup all of them are armed again for their next attempt, at its time, or marked FAILED
 * when their attempts are used up ({@link RedriveTask}). Beside that, from startup on, the domain's recovery rule
 * ({@link RecoverStuckTasks}) looks at the tasks still IN_PROGRESS, or still waiting, well after their time: a task
 * without a timer (its executor failed, say) is armed again the same way.
 *
 * <p>dynalite writes an item and its index entries one after the other, so a server stopped in between can leave a
 * task with no index entry, which nothing reading the index would find again. So the startup walk reads the table
 * itself ({@code table}, a scan), and so does a second sweep, less often than the one through the index on every poll.
 */
class LocalWorkflowRecovery {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRecovery.class);
    private static final int PAGE = 100;

    /** Later than any task's pick-up second: the walk at startup reads every task in progress. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /** How long after its timestamp a task may stay IN_PROGRESS before the sweep looks at it. */
    static final Duration OVERDUE = Duration.ofSeconds(30);

    private static final RecoverStuckTasks.Settings SWEEP =
            new RecoverStuckTasks.Settings(OVERDUE, new Paging(PAGE, Duration.ofSeconds(20)));

    /** Items a page of the table's scan looks at: most are finished or not due, so pages are large and few. */
    private static final int TABLE_PAGE = 1000;

    private static final RecoverStuckTasks.Settings TABLE_SWEEP =
            new RecoverStuckTasks.Settings(OVERDUE, new Paging(TABLE_PAGE, Duration.ofSeconds(20)));

    private final FindDueTasks table;
    private final RedriveTask redrive;
    private final RecoverStuckTasks recovery;
    private final RecoverStuckTasks tableRecovery;

    LocalWorkflowRecovery(
            TaskStore store, FindDueTasks table, TaskWorkflow workflow, Clock clock, TaskMetrics metrics) {
        this.table = table;
        this.redrive = new RedriveTask(store, workflow, clock, metrics);
        this.recovery = new RecoverStuckTasks(store, workflow, clock, SWEEP, metrics);
        this.tableRecovery = new RecoverStuckTasks(table, store, workflow, clock, TABLE_SWEEP, metrics);
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterRestart() {
        Map<RedriveTask.Outcome, Integer> counts = rearmAll();
        if (!counts.isEmpty()) {
            log.info(
                    "Tasks in progress at startup: {} armed again, {} marked FAILED (no attempt left)",
                    counts.getOrDefault(RedriveTask.Outcome.REDRIVEN, 0),
                    counts.getOrDefault(RedriveTask.Outcome.FAILED, 0));
        }
    }

    /**
     * The sweep through the index, from startup on. It runs beside the start, not in its way: after a crash it reads
     * every overdue task of the backlog, which takes longer than the start itself, and what it would re-drive in
     * progress the startup walk arms anyway (arming a run twice keeps the first).
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${tasks.local.poll-interval:60s}")
    void overdue() {
        sweep(recovery, "");
    }

    /**
     * The sweep through the table, from startup on too: a task whose index entry a stopped dynalite lost has no other
     * rescuer, and a runtime crashing again before its first sweep would leave it waiting for ever.
     */
    @Scheduled(initialDelay = 0, fixedDelayString = "${tasks.local.table-sweep-interval:5m}")
    void overdueInTable() {
        sweep(tableRecovery, " (found in the table, not the index)");
    }

    /**
     * One sweep to the end of the list. A run stops on its time budget (the poller's sweep on AWS has a Lambda's time),
     * and the next goes on from there; here nothing limits the time, so the next run follows at once rather than an
     * interval later: after a crash, the overdue backlog takes more than one budget.
     */
    private static void sweep(RecoverStuckTasks recovery, String where) {
        try {
            int redriven = 0;
            int failed = 0;
            RecoverStuckTasks.Report report;
            do {
                report = recovery.run();
                redriven += report.redriven();
                failed += report.failed();
            } while (report.stoppedOnBudget());
            if (redriven + failed > 0) {
                log.warn(
                        "Tasks still in progress or waiting {} after their time{}: {} armed again, {} marked FAILED",
                        OVERDUE,
                        where,
                        redriven,
                        failed);
            }
        } catch (RuntimeException e) {
            log.warn("The sweep for stuck tasks failed; the next one tries again: {}", e.toString());
        }
    }

    private Map<RedriveTask.Outcome, Integer> rearmAll() {
        Map<RedriveTask.Outcome, Integer> counts = new EnumMap<>(RedriveTask.Outcome.class);
        String cursor = null;
        do {
            // Every tenant's tasks: the pipeline serves them all.
            TaskPage page = table.findDue(TaskStatus.IN_PROGRESS, END_OF_TIME, TABLE_PAGE, cursor);
            for (Task task : page.items()) {
                counts.merge(redrive.redrive(task), 1, Integer::sum);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return counts;
    }
}
