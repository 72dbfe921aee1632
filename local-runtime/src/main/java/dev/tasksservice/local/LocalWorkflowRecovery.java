package dev.tasksservice.local;

import dev.tasksservice.domain.Task;
import dev.tasksservice.domain.TaskPage;
import dev.tasksservice.domain.TaskStatus;
import dev.tasksservice.domain.TaskStore;
import dev.tasksservice.domain.TaskWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Arms the timers of tasks in progress again. The local workflow keeps its timers in memory, so after a restart every
 * task that was IN_PROGRESS has lost its timer (a Step Functions execution would have survived). On every poll, a task
 * still IN_PROGRESS well after its time is re-armed too, as a safety net; arming a task whose timer is alive does
 * nothing.
 */
class LocalWorkflowRecovery {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRecovery.class);
    private static final int PAGE = 100;
    static final Duration OVERDUE = Duration.ofSeconds(30);

    private final TaskStore store;
    private final TaskWorkflow workflow;
    private final Clock clock;

    LocalWorkflowRecovery(TaskStore store, TaskWorkflow workflow, Clock clock) {
        this.store = store;
        this.workflow = workflow;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterRestart() {
        int count = rearm(task -> true);
        if (count > 0) {
            log.info("Re-armed the timers of {} task(s) in progress", count);
        }
    }

    @Scheduled(
            initialDelayString = "${tasks.local.poll-interval:60s}",
            fixedDelayString = "${tasks.local.poll-interval:60s}")
    void overdue() {
        Instant limit = clock.instant().minus(OVERDUE);
        int count = rearm(task -> task.timestamp().isBefore(limit));
        if (count > 0) {
            log.warn(
                    "{} task(s) were still in progress {} after their time: their timers are armed again",
                    count,
                    OVERDUE);
        }
    }

    private int rearm(Predicate<Task> which) {
        int count = 0;
        String cursor = null;
        do {
            TaskPage page = store.listByStatus(TaskStatus.IN_PROGRESS, PAGE, cursor);
            for (Task task : page.items()) {
                if (which.test(task)) {
                    workflow.start(task);
                    count++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }
}
