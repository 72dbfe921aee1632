package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * EventBridge's once-a-minute event: send every task due for pick-up to the queue, then sweep the tasks left
 * IN_PROGRESS well past their time whose execution ended without recording a result.
 */
class CronPoller implements Function<ScheduledEvent, CronPoller.Result> {

    private final DispatchDueTasks dispatch;
    private final RecoverStuckTasks recovery;
    private final TaskMetrics metrics;

    CronPoller(DispatchDueTasks dispatch, RecoverStuckTasks recovery, TaskMetrics metrics) {
        this.dispatch = dispatch;
        this.recovery = recovery;
        this.metrics = metrics;
    }

    @Override
    public Result apply(ScheduledEvent event) {
        try {
            return poll();
        } finally {
            metrics.flush();
        }
    }

    private Result poll() {
        DispatchDueTasks.Report report = dispatch.run();
        RecoverStuckTasks.Report swept = recovery.run();
        return new Result(
                report.due(),
                report.sent(),
                report.failed().stream().map(UUID::toString).toList(),
                report.stoppedOnBudget(),
                swept.redriven(),
                swept.failed());
    }

    /**
     * What the poll did; tasks that failed to send are sent again by the next poll, as are those left when the poll
     * ran out of time ({@code more}).
     *
     * @param redriven stuck tasks whose execution was started again
     * @param markedFailed stuck tasks marked FAILED, their attempts used up
     */
    record Result(int due, int sent, List<String> failed, boolean more, int redriven, int markedFailed) {}
}
