package dev.tasksservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus scrapes them from {@code /actuator/prometheus}. */
class MicrometerTaskMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerTaskMetrics metrics = new MicrometerTaskMetrics(registry);

    @Test
    void latenessIsAHistogramInSecondsWithABucketAtOneSecond() {
        metrics.ran(Duration.ofMillis(120));
        metrics.ran(Duration.ofMillis(80));
        metrics.ran(Duration.ofSeconds(2));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("tasks_lateness_seconds_count 3")
                .contains("tasks_lateness_seconds_sum 2.2")
                .contains("tasks_lateness_seconds_bucket{le=\"1.0\"} 2")
                .contains("# TYPE tasks_lateness_seconds histogram")
                .contains("tasks_run_total 3.0");
    }

    @Test
    void eachEventIsACounter() {
        metrics.created();
        metrics.created();
        metrics.dispatched(5);
        metrics.retried();
        metrics.failed();
        metrics.cancelled();
        metrics.rescheduled();
        metrics.stuck(0);
        metrics.stuck(2);

        assertThat(registry.scrape())
                .contains("tasks_scheduled_total 2.0")
                .contains("tasks_dispatched_total 5.0")
                .contains("tasks_retried_total 1.0")
                .contains("tasks_failed_total 1.0")
                .contains("tasks_cancelled_total 1.0")
                .contains("tasks_rescheduled_total 1.0")
                .contains("tasks_stuck_total 2.0");
    }

    @Test
    void storeCallsAreTimedByOperationAndTargetCallsTogether() {
        metrics.storeCalled("find", Duration.ofMillis(4));
        metrics.storeCalled("find", Duration.ofMillis(6));
        metrics.storeCalled("claimAttempt", Duration.ofMillis(9));
        metrics.targetCalled(Duration.ofMillis(30));

        assertThat(registry.scrape())
                .contains("tasks_store_latency_seconds_count{operation=\"find\"} 2")
                .contains("tasks_store_latency_seconds_sum{operation=\"find\"} 0.01")
                .contains("tasks_store_latency_seconds_count{operation=\"claimAttempt\"} 1")
                .contains("tasks_target_latency_seconds_count 1");
    }

    @Test
    void aNegativeLatenessCountsAsNone() {
        metrics.ran(Duration.ofMillis(-5));

        assertThat(registry.scrape()).contains("tasks_lateness_seconds_sum 0.0");
    }
}
