package dev.tasksservice.api.config;

import dev.tasksservice.domain.SchedulingPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code tasks.*}.
 *
 * @param stage deployment stage; names the table {@code tasksTable-{stage}}
 * @param lookahead how long before its timestamp a task is handed to the workflow
 * @param maxHorizon how far ahead a task may be scheduled
 * @param maxRequestSize the largest request body accepted
 * @param createTable whether to create the table and its index at startup when missing
 */
@ConfigurationProperties("tasks")
public record TasksProperties(
        @DefaultValue("local") String stage,
        @DefaultValue("120s") Duration lookahead,
        @DefaultValue("365d") Duration maxHorizon,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("true") boolean createTable) {

    public SchedulingPolicy schedulingPolicy() {
        return new SchedulingPolicy(lookahead, maxHorizon);
    }
}
