package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bench against a stand-in API, with the grace period after the last due time cut to a second. */
class BenchIT {

    private static final Duration SHORT_GRACE = Duration.ofSeconds(1);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void passesAndReportsBothScenariosWhenEveryTaskRunsOnTime() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.ON_TIME)) {
            int exit = run(api, "--tasks", "10", "--lead-seconds", "2", "--spread-seconds", "1", "--concurrency", "4");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(api.created()).isEqualTo(20);
            assertThat(text())
                    .containsPattern("\\n\\s+burst\\s+spread\\n")
                    .containsPattern("completed\\s+10\\s+10\\n")
                    .containsPattern("lateness p50 \\(ms\\)\\s+30\\s+30\\n")
                    .containsPattern("lateness max \\(ms\\)\\s+30\\s+30\\n")
                    .containsPattern("early \\(must be 0\\)\\s+0\\s+0\\n")
                    .containsPattern("never ran\\s+0\\s+0\\n")
                    .containsPattern("fired per second\\s+n/a\\s+10\\.0\\n")
                    .contains("PASS: every task COMPLETED, none early");
        }
    }

    @Test
    void failsAndCountsTheTasksThatNeverRan() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.NEVER_RUNS)) {
            int exit = run(api, "--tasks", "5", "--lead-seconds", "2", "--scenario", "burst");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("never ran\\s+5\\n")
                    .containsPattern("lateness p50 \\(ms\\)\\s+n/a\\n")
                    .contains("note: burst: 5 never ran by the deadline (last seen 5x SCHEDULED)")
                    .contains("FAIL:");
        }
    }

    @Test
    void failsAndCountsTheTasksThatRanEarly() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.EARLY)) {
            int exit = run(api, "--tasks", "3", "--lead-seconds", "2", "--scenario", "spread", "--spread-seconds", "1");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("early \\(must be 0\\)\\s+3\\n")
                    .containsPattern("lateness max \\(ms\\)\\s+-100\\n");
        }
    }

    @Test
    void failsAndCountsFailedTasks() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.FAILS)) {
            int exit = run(api, "--tasks", "4", "--lead-seconds", "2", "--scenario", "burst");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text()).containsPattern("FAILED\\s+4\\n").contains("note: burst: 4 FAILED: 4x boom");
        }
    }

    @Test
    void saysHowToStartTheApiWhenNothingListens() throws Exception {
        String url = "http://127.0.0.1:" + EndToEndIT.unusedPort();

        int exit = Bench.run(new String[] {"--tasks", "50"}, Map.of("API_URL", url), SHORT_GRACE, out());

        assertThat(exit).isEqualTo(Bench.NOT_RUN);
        assertThat(text()).contains("no API at " + url + ": start it with make run");
    }

    @Test
    void refusesAnUnknownOptionWithTheUsage() throws Exception {
        int exit = Bench.run(new String[] {"--fast"}, Map.of(), SHORT_GRACE, out());

        assertThat(exit).isEqualTo(Bench.NOT_RUN);
        assertThat(text()).contains("Bench: unknown option '--fast'", "Usage: Bench");
    }

    private int run(FakeTasksApi api, String... args) throws InterruptedException {
        return Bench.run(args, Map.of("API_URL", api.url().toString()), SHORT_GRACE, out());
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
