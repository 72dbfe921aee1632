package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Bench on an API too slow to create the tasks in time, against a stand-in API: its verdict depends on how long
 * creation takes, so it runs alone, last: after {@link BenchIT}'s tests, which run side by side, and {@link ChaosIT}.
 */
@Isolated
@Order(Integer.MAX_VALUE)
class BenchCreationIT {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void saysClearlyWhenCreationFinishedAfterTheDueTime() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withSlowCreation(FakeTasksApi.Behaviour.ON_TIME, Duration.ofMillis(700))) {
            // One POST at a time, each 700 ms: the third and fourth reach the API after the due time, 2 s ahead.
            int exit = run(
                    api,
                    "--tasks",
                    "4",
                    "--lead-seconds",
                    "2",
                    "--scenario",
                    "burst",
                    "--concurrency",
                    "1",
                    "--warmup",
                    "0");

            // The POSTs that reach the API after the due time are refused: their tasks are not created.
            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("creation done before due \\(ms\\)\\s+-\\d+\\n")
                    .containsPattern("creation time \\(ms\\)\\s+\\d{4}\\n")
                    .containsPattern("not created\\s+2\\n")
                    .containsPattern("note: burst: creation finished \\d+ ms AFTER the first due time:"
                            + " --lead-seconds 2 is too short for 4 tasks");
        }
    }

    private int run(FakeTasksApi api, String... args) throws InterruptedException {
        return Bench.run(
                args,
                Map.of("API_URL", api.url().toString()),
                Duration.ofSeconds(1),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
