package dev.tasksservice.schema;

import java.util.List;

/**
 * The service's metrics, named once for every runtime and for the stack's alarms and dashboard. The names are
 * Micrometer's meter names, used as they are for CloudWatch.
 *
 * <p>How a name shows in each place:
 *
 * <table>
 *   <caption>One metric, three places</caption>
 *   <tr><th>Here (Micrometer)</th><th>Prometheus ({@code /actuator/prometheus})</th><th>CloudWatch (EMF)</th></tr>
 *   <tr><td>{@code tasks.lateness}, a timer</td><td>{@code tasks_lateness_seconds} histogram (buckets, one
 *       at 1 s, count, sum): {@code histogram_quantile} gives its percentiles</td><td>{@code tasks.lateness} in milliseconds, one value
 *       a run: CloudWatch gives its percentiles (p50, p99)</td></tr>
 *   <tr><td>{@code tasks.scheduled}, a counter</td><td>{@code tasks_scheduled_total}</td><td>{@code tasks.scheduled},
 *       Count (Sum is the number)</td></tr>
 *   <tr><td>{@code tasks.store.latency}, a timer tagged {@code operation}</td><td>{@code
 *       tasks_store_latency_seconds{operation=...}}</td><td>{@code tasks.store.latency} in milliseconds, without the
 *       operation</td></tr>
 * </table>
 *
 * <p>The other counters go like {@code tasks.scheduled}, the other timers like {@code tasks.lateness}. On CloudWatch every
 * metric is in the namespace {@value #NAMESPACE} with the one dimension {@value #STAGE_DIMENSION} (the stage): each
 * dimension more would be another metric to pay for. The gauges {@link #QUEUE_DEPTH} and {@link #TIMERS_ARMED} exist
 * locally only: on AWS the queue's depth is SQS's own metric and the timers are Step Functions' executions.
 */
public final class MetricsSchema {

    /** The CloudWatch namespace of every metric. */
    public static final String NAMESPACE = "TasksService";

    /** The one CloudWatch dimension: the stage that published the metric. */
    public static final String STAGE_DIMENSION = "Stage";

    /** How late each attempt began after the instant it was due (for the first, executedAt minus timestamp). */
    public static final String LATENESS = "tasks.lateness";

    /**
     * Tasks created (scheduled by a client). Not {@code tasks.created}: Prometheus reserves the suffix {@code
     * _created}, and its client would publish that counter as {@code tasks_total}.
     */
    public static final String CREATED = "tasks.scheduled";

    public static final String DISPATCHED = "tasks.dispatched";
    /** Attempts run: each delivery begun. */
    public static final String RUN = "tasks.run";

    public static final String RETRIED = "tasks.retried";
    public static final String FAILED = "tasks.failed";
    public static final String CANCELLED = "tasks.cancelled";
    public static final String RESCHEDULED = "tasks.rescheduled";
    /** Tasks the recovery sweep found IN_PROGRESS with their workflow ended or missing: there should be none. */
    public static final String STUCK = "tasks.stuck";

    /** One call of the task store (DynamoDB on AWS). */
    public static final String STORE_LATENCY = "tasks.store.latency";

    /** One delivery to a task's target (a webhook or a queue), whatever it answered. */
    public static final String TARGET_LATENCY = "tasks.target.latency";

    /** Local only: messages waiting in the dispatch queue. */
    public static final String QUEUE_DEPTH = "tasks.queue.depth";

    /** Local only: tasks whose in-process timer is armed. */
    public static final String TIMERS_ARMED = "tasks.timers.armed";

    /** The counters: the number of things that happened. */
    public static final List<String> COUNTERS =
            List.of(CREATED, DISPATCHED, RUN, RETRIED, FAILED, CANCELLED, RESCHEDULED, STUCK);

    /** The timers: durations, in milliseconds on CloudWatch. */
    public static final List<String> TIMERS = List.of(LATENESS, STORE_LATENCY, TARGET_LATENCY);

    private MetricsSchema() {}
}
