package dev.tasksservice.local;

import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.read.ListTasks;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Arms the timers of tasks in progress again, and sweeps for tasks stuck in progress. The local workflow keeps its
 * timers in memory, so after a restart every task that was IN_PROGRESS has lost its timer (a Step Functions execution
 * would have survived): at startup all of them are armed again. Then, at startup and on every poll, the domain's
 * recovery rule ({@link RecoverStuckTasks}) looks at the tasks still IN_PROGRESS well after their time: a task without
 * a timer is armed again for its next attempt, or marked FAILED once its attempts are used up.
 */
class LocalWorkflowRecovery {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRecovery.class);
    private static final int PAGE = 100;

    /** How long after its timestamp a task may stay IN_PROGRESS before the sweep looks at it. */
    static final Duration OVERDUE = Duration.ofSeconds(30);

    private final ListTasks tasks;
    private final TaskWorkflow workflow;
    private final RecoverStuckTasks recovery;

    LocalWorkflowRecovery(TaskStore store, TaskWorkflow workflow, RetryPolicy retryPolicy, Clock clock) {
        this.tasks = new ListTasks(store);
        this.workflow = workflow;
        this.recovery = new RecoverStuckTasks(
                store,
                workflow,
                retryPolicy,
                clock,
                new RecoverStuckTasks.Settings(OVERDUE, new Paging(PAGE, Duration.ofSeconds(20))));
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterRestart() {
        int count = rearmAll();
        if (count > 0) {
            log.info("Re-armed the timers of {} task(s) in progress", count);
        }
        overdue();
    }

    @Scheduled(
            initialDelayString = "${tasks.local.poll-interval:60s}",
            fixedDelayString = "${tasks.local.poll-interval:60s}")
    void overdue() {
        try {
            RecoverStuckTasks.Report report = recovery.run();
            if (report.redriven() + report.failed() > 0) {
                log.warn(
                        "Tasks still in progress {} after their time: {} armed again, {} marked FAILED",
                        OVERDUE,
                        report.redriven(),
                        report.failed());
            }
        } catch (RuntimeException e) {
            log.warn("The sweep for stuck tasks failed; the next poll tries again: {}", e.toString());
        }
    }

    private int rearmAll() {
        int count = 0;
        String cursor = null;
        do {
            TaskPage page = tasks.list(TaskStatus.IN_PROGRESS, PAGE, cursor);
            for (Task task : page.items()) {
                workflow.start(task);
                count++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }
}
