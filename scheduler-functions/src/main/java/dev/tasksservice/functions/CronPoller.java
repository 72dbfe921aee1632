package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.domain.DispatchDueTasks;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** EventBridge's once-a-minute event: send every task due for pick-up to the queue. */
class CronPoller implements Function<ScheduledEvent, CronPoller.Result> {

    private final DispatchDueTasks dispatch;

    CronPoller(DispatchDueTasks dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public Result apply(ScheduledEvent event) {
        DispatchDueTasks.Report report = dispatch.run();
        return new Result(
                report.due(),
                report.sent(),
                report.failed().stream().map(UUID::toString).toList());
    }

    /** What the poll did; tasks that failed to send are sent again by the next poll. */
    record Result(int due, int sent, List<String> failed) {}
}
