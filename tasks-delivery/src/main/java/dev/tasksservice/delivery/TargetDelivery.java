package dev.tasksservice.delivery;

import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task action of every runtime: delivers a task to its own target, else to the deployment's default target, else
 * records the run as one log line. What the target answered is the attempt's outcome; an unexpected error is a
 * failure worth retrying.
 */
public final class TargetDelivery implements TaskAction {

    private static final Logger log = LoggerFactory.getLogger(TargetDelivery.class);

    private final TargetRules rules;
    private final WebhookSender webhooks;
    private final QueueSender queues;

    /**
     * @param queues null when the runtime has no SQS client: a queue target is then refused, saying so
     */
    public TargetDelivery(TargetRules rules, WebhookSender webhooks, QueueSender queues) {
        this.rules = rules;
        this.webhooks = webhooks;
        this.queues = queues;
    }

    @Override
    public Delivery perform(Task task, Instant startedAt) {
        Target target = task.targetIfGiven().or(rules::defaultTarget).orElse(null);
        try {
            return switch (target) {
                case null -> logged(task, startedAt);
                case HttpTarget http -> webhooks.send(task, http, startedAt);
                case QueueTarget queue -> queued(task, queue);
            };
        } catch (RuntimeException e) {
            // The stack stays in the log; the task's error, which its client reads, names no class of ours.
            log.warn("Task {} not delivered", task.id(), e);
            return Delivery.failed("delivery failed: an internal error of the runtime");
        }
    }

    private Delivery queued(Task task, QueueTarget queue) {
        if (queues == null) {
            return Delivery.refused(null, "this runtime cannot send to SQS queues (it has no SQS client)");
        }
        if (!rules.allowsQueue(queue.queueUrl())) {
            return Delivery.refused(
                    null, "the queue is not among the queues this deployment allows (TASKS_TARGET_QUEUES)");
        }
        return queues.send(task, queue);
    }

    private static Delivery logged(Task task, Instant startedAt) {
        log.info(
                "Task {} ran at {}, {} ms after its timestamp {}, attempt {} (no target), {}",
                task.id(),
                Timestamps.format(startedAt),
                Duration.between(task.timestamp(), startedAt).toMillis(),
                Timestamps.format(task.timestamp()),
                task.attempts(),
                PayloadSummary.of(task.payload()));
        return Delivery.succeeded(null);
    }
}
