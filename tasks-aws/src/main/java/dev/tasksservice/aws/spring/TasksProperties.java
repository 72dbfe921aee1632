package dev.tasksservice.aws.spring;

import dev.tasksservice.domain.model.Retention;
import dev.tasksservice.domain.model.SchedulingPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code tasks.*}, shared by the API and the functions. Environment variables bind to them by name:
 * {@code TASKS_STAGE}, {@code TASKS_QUEUE_URL}, {@code TASKS_STATE_MACHINE_ARN}, and so on.
 *
 * @param stage deployment stage; names the table {@code tasksTable-{stage}} and the queue {@code tasksQueue-{stage}}
 * @param lookahead how long before its timestamp a task is handed to the workflow
 * @param maxHorizon how far ahead a task may be scheduled
 * @param maxRequestSize the largest request body the API accepts
 * @param createTable whether to create the table and its index at startup when missing
 * @param queueUrl the dispatch queue; when unset, the API has no fast path and tasks wait for the poller
 * @param stateMachineArn the Step Functions workflow of each task
 * @param expressStateMachineArn the Express workflow of a task's first attempt started close to its time; when unset,
 *     every run is in the workflow {@code stateMachineArn}
 * @param retention how long a finished task is kept ({@code TASKS_RETENTION}) before it expires
 */
@ConfigurationProperties("tasks")
public record TasksProperties(
        @DefaultValue("local") String stage,
        @DefaultValue("120s") Duration lookahead,
        @DefaultValue("365d") Duration maxHorizon,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("true") boolean createTable,
        String queueUrl,
        String stateMachineArn,
        String expressStateMachineArn,
        @DefaultValue("30d") Duration retention) {

    /** How long finished tasks are kept: every runtime's store sets their expiry by it. */
    public Retention taskRetention() {
        return new Retention(retention);
    }

    public SchedulingPolicy schedulingPolicy() {
        return new SchedulingPolicy(lookahead, maxHorizon);
    }
}
