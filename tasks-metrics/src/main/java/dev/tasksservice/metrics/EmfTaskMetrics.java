package dev.tasksservice.metrics;

import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.schema.MetricsSchema;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The metrics port on a Lambda: CloudWatch's embedded metric format, written by Powertools for AWS Lambda to the
 * function's log at the end of each invocation ({@link #flush()}), where CloudWatch turns it into metrics with no API
 * call. Names, namespace and dimension are those of {@link MetricsSchema}; durations are in milliseconds, one value per
 * event, so CloudWatch computes their percentiles.
 *
 * <p>The output is always the Lambda one (a JSON line on stdout): the library is not left to guess its environment,
 * which off Lambda would mean probing an EC2 metadata address.
 */
public final class EmfTaskMetrics implements TaskMetrics {

    private static final Logger log = LoggerFactory.getLogger(EmfTaskMetrics.class);

    private final Metrics metrics;
    private boolean recorded;

    /** Publishes under the {@value MetricsSchema#STAGE_DIMENSION} dimension {@code stage}. */
    public EmfTaskMetrics(String stage) {
        this.metrics = MetricsBuilder.builder()
                .withMetricsProvider(() -> new EmfMetricsLogger(new LambdaOutput(), new MetricsContext()))
                .withNamespace(MetricsSchema.NAMESPACE)
                .build();
        metrics.setDefaultDimensions(DimensionSet.of(MetricsSchema.STAGE_DIMENSION, stage));
    }

    @Override
    public void created() {
        count(MetricsSchema.CREATED, 1);
    }

    @Override
    public void dispatched(int count) {
        count(MetricsSchema.DISPATCHED, count);
    }

    @Override
    public void ran(Duration lateness) {
        count(MetricsSchema.RUN, 1);
        time(MetricsSchema.LATENESS, lateness.isNegative() ? Duration.ZERO : lateness);
    }

    @Override
    public void retried() {
        count(MetricsSchema.RETRIED, 1);
    }

    @Override
    public void failed() {
        count(MetricsSchema.FAILED, 1);
    }

    @Override
    public void cancelled() {
        count(MetricsSchema.CANCELLED, 1);
    }

    @Override
    public void rescheduled() {
        count(MetricsSchema.RESCHEDULED, 1);
    }

    @Override
    public void stuck(int count) {
        count(MetricsSchema.STUCK, count);
    }

    @Override
    public void storeCalled(String operation, Duration took) {
        time(MetricsSchema.STORE_LATENCY, took);
    }

    @Override
    public void targetCalled(Duration took) {
        time(MetricsSchema.TARGET_LATENCY, took);
    }

    /** Writes what this invocation recorded as one EMF record; nothing when it recorded nothing. */
    @Override
    public synchronized void flush() {
        if (!recorded) {
            return;
        }
        recorded = false;
        try {
            metrics.flush();
        } catch (RuntimeException e) {
            log.warn("The invocation's metrics were not written: {}", e.toString());
        }
    }

    private synchronized void count(String name, double value) {
        add(name, value, MetricUnit.COUNT);
    }

    private synchronized void time(String name, Duration took) {
        add(name, took.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
    }

    private void add(String name, double value, MetricUnit unit) {
        try {
            metrics.addMetric(name, value, unit);
            recorded = true;
        } catch (RuntimeException e) {
            // Metrics never fail the task.
            log.warn("Metric {} not recorded: {}", name, e.toString());
        }
    }

    /** Always the Lambda environment: EMF on stdout, which the function's log group receives. */
    private static final class LambdaOutput extends EnvironmentProvider {

        private static final Environment LAMBDA = new LambdaEnvironment();

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(LAMBDA);
        }

        @Override
        public Environment getDefaultEnvironment() {
            return LAMBDA;
        }
    }
}
