package dev.tasksservice.metrics;

import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.schema.MetricsSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The metrics port on a Micrometer registry, under the names of {@link MetricsSchema}: lateness as a timer with a
 * percentile histogram, the events as counters, the store's calls by operation.
 */
public final class MicrometerTaskMetrics implements TaskMetrics {

    private static final String OPERATION = "operation";

    private final MeterRegistry registry;
    private final Timer lateness;
    private final Counter created;
    private final Counter dispatched;
    private final Counter run;
    private final Counter retried;
    private final Counter failed;
    private final Counter cancelled;
    private final Counter rescheduled;
    private final Counter stuck;
    private final Timer target;

    public MicrometerTaskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.lateness = Timer.builder(MetricsSchema.LATENESS)
                .description("How late each attempt began after the instant it was due")
                // Buckets, from which Prometheus computes any percentile (histogram_quantile) over any window.
                .publishPercentileHistogram()
                // The alarm's threshold as a bucket of its own: how many runs began within a second.
                .serviceLevelObjectives(Duration.ofSeconds(1))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.created = counter(MetricsSchema.CREATED, "Tasks created (scheduled by a client)");
        this.dispatched = counter(MetricsSchema.DISPATCHED, "Tasks sent to the dispatch queue");
        this.run = counter(MetricsSchema.RUN, "Attempts whose delivery began");
        this.retried = counter(MetricsSchema.RETRIED, "Attempts that failed with another to follow");
        this.failed = counter(MetricsSchema.FAILED, "Tasks that ended FAILED");
        this.cancelled = counter(MetricsSchema.CANCELLED, "Tasks cancelled by their client");
        this.rescheduled = counter(MetricsSchema.RESCHEDULED, "Tasks changed by their client");
        this.stuck = counter(MetricsSchema.STUCK, "Tasks the recovery sweep found stuck IN_PROGRESS");
        this.target = Timer.builder(MetricsSchema.TARGET_LATENCY)
                .description("One delivery to a task's target")
                .publishPercentileHistogram()
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override
    public void created() {
        created.increment();
    }

    @Override
    public void dispatched(int count) {
        dispatched.increment(count);
    }

    @Override
    public void ran(Duration lateness) {
        run.increment();
        this.lateness.record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    @Override
    public void retried() {
        retried.increment();
    }

    @Override
    public void failed() {
        failed.increment();
    }

    @Override
    public void cancelled() {
        cancelled.increment();
    }

    @Override
    public void rescheduled() {
        rescheduled.increment();
    }

    @Override
    public void stuck(int count) {
        stuck.increment(count);
    }

    @Override
    public void storeCalled(String operation, Duration took) {
        // The registry keeps one timer per operation; a lookup of an existing one allocates nothing to speak of.
        Timer.builder(MetricsSchema.STORE_LATENCY)
                .description("One call of the task store")
                .tag(OPERATION, operation)
                .register(registry)
                .record(took);
    }

    @Override
    public void targetCalled(Duration took) {
        target.record(took);
    }
}
