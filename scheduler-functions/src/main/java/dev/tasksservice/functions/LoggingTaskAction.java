package dev.tasksservice.functions;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task action shipped today: records the run as one JSON log line, with how late it was. */
public class LoggingTaskAction implements TaskAction {

    private static final Logger log = LoggerFactory.getLogger("tasks.executed");

    @Override
    public void perform(Task task, Instant executedAt) {
        log.info(
                "{\"event\":\"task.executed\",\"id\":\"{}\",\"timestamp\":\"{}\",\"executedAt\":\"{}\",\"latenessMs\":{},\"attempt\":{},\"payload\":{}}",
                task.id(),
                Timestamps.format(task.timestamp()),
                Timestamps.format(executedAt),
                Duration.between(task.timestamp(), executedAt).toMillis(),
                task.attempts(),
                task.payloadJson().orElse("null"));
    }
}
