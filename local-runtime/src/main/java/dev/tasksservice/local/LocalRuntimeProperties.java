package dev.tasksservice.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local runtime, under {@code tasks.local.*}; the port of the embedded SQS server,
 * {@code tasks.local.sqs-port} (0: any free port), is read by {@link LocalRuntimeDefaults}.
 *
 * @param pollInterval how often the poller runs, as the EventBridge rule does on AWS
 * @param wakeLead how long before its timestamp a task's timer fires, so the attempt is claimed in the store by the
 *     time the task is due and it runs on the dot
 * @param wakesPerSecond how many task timers may fire in one second; when more tasks are due at once, the others fire
 *     earlier (up to 10 s), so their attempts are claimed at a pace the local store keeps up with; 0 for no limit
 * @param consumers how many threads receive from the queue, as Lambda's concurrent pollers do
 * @param dataDir where the runtime keeps what outlives it (the dev webhook secret)
 * @param dispatchLead how long before its time a dispatched task's message becomes visible: longer than the deployed
 *     queue's hold ({@code tasks.dispatch-lead}), so the one local store can claim a crowd of tasks due at one instant
 *     in the seconds before it
 * @param webhookSecret the secret webhooks are signed with ({@code TASKS_WEBHOOK_SECRET}); blank for the dev secret
 *     kept in {@code dataDir}
 */
@ConfigurationProperties("tasks.local")
public record LocalRuntimeProperties(
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("2s") Duration wakeLead,
        @DefaultValue("200") int wakesPerSecond,
        @DefaultValue("4") int consumers,
        @DefaultValue(".data") Path dataDir,
        @DefaultValue("20s") Duration dispatchLead,
        @DefaultValue("") String webhookSecret) {}
