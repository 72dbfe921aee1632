package dev.tasksservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Lambda writes to its log at the end of an invocation: one line of CloudWatch's embedded metric format, which
 * CloudWatch turns into metrics of the namespace and dimension the stack's alarms read.
 */
class EmfTaskMetricsTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    @Test
    void anInvocationsMetricsAreOneEmfLineUnderTheNamespaceAndTheStage() {
        EmfTaskMetrics metrics = new EmfTaskMetrics("dev");
        metrics.ran(Duration.ofMillis(120));
        metrics.ran(Duration.ofMillis(30));
        metrics.created();
        metrics.storeCalled("find", Duration.ofMillis(7));

        metrics.flush();

        List<String> lines = emfLines();
        assertThat(lines).hasSize(1);
        DocumentContext emf = JsonPath.parse(lines.getFirst());
        assertThat(emf.read("$._aws.CloudWatchMetrics[0].Namespace", String.class))
                .isEqualTo("TasksService");
        assertThat(emf.read("$._aws.CloudWatchMetrics[0].Dimensions", List.class))
                .isEqualTo(List.of(List.of("Stage")));
        assertThat(emf.read("$.Stage", String.class)).isEqualTo("dev");
        List<Map<String, String>> definitions = emf.read("$._aws.CloudWatchMetrics[0].Metrics");
        assertThat(definitions)
                .contains(
                        Map.of("Name", "tasks.lateness", "Unit", "Milliseconds"),
                        Map.of("Name", "tasks.run", "Unit", "Count"),
                        Map.of("Name", "tasks.scheduled", "Unit", "Count"),
                        Map.of("Name", "tasks.store.latency", "Unit", "Milliseconds"));
        // Every value is kept, so CloudWatch computes the percentiles.
        assertThat(emf.read("$['tasks.lateness']", List.class)).containsExactly(120.0, 30.0);
        assertThat(emf.read("$['tasks.run']", List.class)).containsExactly(1.0, 1.0);
    }

    @Test
    void anInvocationThatRecordedNothingWritesNothing() {
        EmfTaskMetrics metrics = new EmfTaskMetrics("dev");
        metrics.created();
        metrics.flush();

        metrics.flush();

        assertThat(emfLines()).hasSize(1);
    }

    @Test
    void eachFlushWritesOnlyWhatCameSinceTheLast() {
        EmfTaskMetrics metrics = new EmfTaskMetrics("prod");
        metrics.stuck(0);
        metrics.flush();
        metrics.failed();
        metrics.flush();

        List<String> lines = emfLines();
        assertThat(lines).hasSize(2);
        DocumentContext second = JsonPath.parse(lines.get(1));
        assertThat(second.read("$.Stage", String.class)).isEqualTo("prod");
        assertThat(second.read("$._aws.CloudWatchMetrics[0].Metrics[*].Name", List.class))
                .containsExactly("tasks.failed");
    }

    private List<String> emfLines() {
        return output.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                .toList();
    }
}
