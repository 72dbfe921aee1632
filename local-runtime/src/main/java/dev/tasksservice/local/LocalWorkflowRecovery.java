package dev.tasksservice.local;

import dev.tasksservice.domain.TaskPage;
import dev.tasksservice.domain.TaskStatus;
import dev.tasksservice.domain.TaskStore;
import dev.tasksservice.domain.TaskWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Arms the timers again after a restart. The local workflow keeps its timers in memory, so a task that was
 * IN_PROGRESS when the process stopped has lost its timer; a Step Functions execution would have survived.
 */
class LocalWorkflowRecovery {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRecovery.class);
    private static final int PAGE = 100;

    private final TaskStore store;
    private final TaskWorkflow workflow;

    LocalWorkflowRecovery(TaskStore store, TaskWorkflow workflow) {
        this.store = store;
        this.workflow = workflow;
    }

    @EventListener(ApplicationReadyEvent.class)
    void rearm() {
        int count = 0;
        String cursor = null;
        do {
            TaskPage page = store.listByStatus(TaskStatus.IN_PROGRESS, PAGE, cursor);
            page.items().forEach(workflow::start);
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        if (count > 0) {
            log.info("Re-armed the timers of {} task(s) in progress", count);
        }
    }
}
