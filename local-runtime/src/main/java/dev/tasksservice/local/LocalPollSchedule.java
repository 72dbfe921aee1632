package dev.tasksservice.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The EventBridge rule, locally: calls the cronPoller function at startup and then every poll interval. */
class LocalPollSchedule {

    private static final Logger log = LoggerFactory.getLogger(LocalPollSchedule.class);

    private final Function<ScheduledEvent, ?> cronPoller;

    LocalPollSchedule(Function<ScheduledEvent, ?> cronPoller) {
        this.cronPoller = cronPoller;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${tasks.local.poll-interval:60s}")
    void poll() {
        try {
            Object result = cronPoller.apply(
                    new ScheduledEvent().withSource("aws.events").withDetailType("Scheduled Event"));
            log.debug("Poll: {}", result);
        } catch (RuntimeException e) {
            log.warn("Poll failed; the next one tries again: {}", e.toString());
        }
    }
}
