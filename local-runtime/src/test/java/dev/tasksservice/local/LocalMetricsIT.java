package dev.tasksservice.local;

import static dev.tasksservice.client.TaskStatus.COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.client.ScheduleRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A task's run, as Prometheus scrapes it from the local runtime's {@code /actuator/prometheus}. */
class LocalMetricsIT extends LocalRuntimeTest {

    @Test
    void aRunShowsUpAsLatenessInTheHistogramAndInTheCounters() throws Exception {
        String before = scrape();

        UUID id = createFor(RECEIVER.newUrl(), ScheduleRequest.after(Duration.ofSeconds(1)))
                .task()
                .id();
        await().atMost(Duration.ofSeconds(15)).until(() -> tasks().get(id).status() == COMPLETED);

        String after = scrape();
        assertThat(after)
                .contains("# TYPE tasks_lateness_seconds histogram")
                .contains("tasks_lateness_seconds_bucket{le=\"1.0\"}");
        assertThat(value(after, "tasks_lateness_seconds_count"))
                .isGreaterThan(valueOrZero(before, "tasks_lateness_seconds_count"));
        assertThat(value(after, "tasks_scheduled_total")).isGreaterThan(valueOrZero(before, "tasks_scheduled_total"));
        assertThat(value(after, "tasks_dispatched_total")).isGreaterThan(valueOrZero(before, "tasks_dispatched_total"));
        assertThat(value(after, "tasks_run_total")).isGreaterThan(valueOrZero(before, "tasks_run_total"));
        assertThat(value(after, "tasks_store_latency_seconds_count{operation=\"claimAttempt\"}"))
                .isGreaterThan(valueOrZero(before, "tasks_store_latency_seconds_count{operation=\"claimAttempt\"}"));
        assertThat(value(after, "tasks_target_latency_seconds_count"))
                .isGreaterThan(valueOrZero(before, "tasks_target_latency_seconds_count"));
        // The local stand-ins' gauges, read at the scrape.
        assertThat(value(after, "tasks_queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "tasks_timers_armed")).isGreaterThanOrEqualTo(0);
    }

    private String scrape() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    /** The value of the sample {@code series} (its name and labels as scraped), which must be there. */
    private static double value(String scrape, String series) {
        Matcher sample = sample(scrape, series);
        assertThat(sample.find()).as("sample %s in the scrape", series).isTrue();
        return Double.parseDouble(sample.group(1));
    }

    /** The value of the sample {@code series}, or 0 before the first event made it. */
    private static double valueOrZero(String scrape, String series) {
        Matcher sample = sample(scrape, series);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }

    private static Matcher sample(String scrape, String series) {
        return Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    }
}
