package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Bench against a stand-in API, with the grace period after the last due time cut to a second. */
class BenchIT {

    private static final Duration SHORT_GRACE = Duration.ofSeconds(1);
    /** How long after its timestamp the stand-in runs an ON_TIME task. */
    private static final Duration RUN_DELAY = Duration.ofMillis(30);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void passesAndReportsBothScenariosWhenEveryTaskRunsOnTime() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.ON_TIME)) {
            int exit = run(
                    api,
                    "--tasks",
                    "10",
                    "--lead-seconds",
                    "2",
                    "--spread-seconds",
                    "1",
                    "--concurrency",
                    "4",
                    "--warmup",
                    "0");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(api.created()).isEqualTo(20);
            assertThat(text())
                    .containsPattern("\\n\\s+burst\\s+spread\\n")
                    .containsPattern("completed\\s+10\\s+10\\n")
                    .containsPattern("creation time \\(ms\\)\\s+\\d+\\s+\\d+\\n")
                    .containsPattern("lateness p50 \\(ms\\)\\s+30\\s+30\\n")
                    .containsPattern("lateness max \\(ms\\)\\s+30\\s+30\\n")
                    .containsPattern("early \\(must be 0\\)\\s+0\\s+0\\n")
                    .containsPattern("never ran\\s+0\\s+0\\n")
                    .containsPattern("fired per second\\s+n/a\\s+10\\.0\\n")
                    .contains("warm-up: none (--warmup 0)")
                    .contains("PASS: every task COMPLETED, none early");
        }
    }

    @Test
    void findsTheTasksFinalByListingFromJustAfterTheFirstDueTimeWithoutReadingThemOneByOne() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.ON_TIME)) {
            int exit = run(api, "--tasks", "10", "--lead-seconds", "2", "--scenario", "burst", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(api.reads()).isZero();
            Instant due = timestamps(api.tasks()).getFirst();
            assertThat(api.listings())
                    .isNotEmpty()
                    .allSatisfy(listed ->
                            assertThat(listed.at()).isAfterOrEqualTo(due.plus(CompletionWatcher.LISTING_DELAY)));
            assertThat(text()).contains("burst: 10 of 10 final; the watch read", "and 0 tasks one by one");
        }
    }

    @Test
    void followsTheListingsCursorsToTheLastPage() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withPageSize(FakeTasksApi.Behaviour.ON_TIME, 3)) {
            int exit = run(api, "--tasks", "10", "--lead-seconds", "2", "--scenario", "burst", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(api.reads()).isZero();
            // 10 COMPLETED tasks on pages of 3 take 4 pages; the FAILED listing is not needed once all are seen.
            assertThat(api.listings()).hasSize(4);
            assertThat(text()).containsPattern("completed\\s+10\\n");
        }
    }

    @Test
    void warmsUpWithTasksNotCountedThenRunsTheScenariosOneAfterTheOther() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.ON_TIME)) {
            int exit = run(api, "--tasks", "4", "--lead-seconds", "1", "--spread-seconds", "1", "--warmup", "3");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(api.created()).isEqualTo(11);
            assertThat(text())
                    .containsPattern("warm-up: 3 tasks due in 1 s warm up the JVMs \\(the bench's and the API's\\)"
                            + " before the measured scenarios, not counted in the report: created 3 in \\d+ ms,"
                            + " all final after \\d+ ms\\n")
                    .containsPattern("tasks requested\\s+4\\s+4\\n")
                    .containsPattern("completed\\s+4\\s+4\\n")
                    .doesNotContain("started although");
            // Each run's tasks are created only once the previous run's tasks have all run.
            List<Instant> warmUpRuns = runTimes(api, "warm-up");
            List<Instant> burstRuns = runTimes(api, "burst");
            assertThat(createdTimes(api, "burst"))
                    .allSatisfy(created -> assertThat(created).isAfter(warmUpRuns.getLast()));
            assertThat(createdTimes(api, "spread"))
                    .allSatisfy(created -> assertThat(created).isAfter(burstRuns.getLast()));
        }
    }

    @Test
    void failsAndCountsTheTasksThatNeverRanReadingEachOnceAtTheDeadline() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.NEVER_RUNS)) {
            int exit = run(api, "--tasks", "5", "--lead-seconds", "2", "--scenario", "burst", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(api.reads()).isEqualTo(5);
            assertThat(text())
                    .containsPattern("never ran\\s+5\\n")
                    .containsPattern("lateness p50 \\(ms\\)\\s+n/a\\n")
                    .contains("note: burst: 5 never ran by the deadline (last seen 5x SCHEDULED)")
                    .contains("burst: 0 of 5 final; the watch read", "and 5 tasks one by one at the deadline")
                    .contains("FAIL:");
        }
    }

    @Test
    void reportsCancelledTasksAsNeverRan() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.CANCELLED)) {
            int exit = run(api, "--tasks", "3", "--lead-seconds", "1", "--scenario", "burst", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(api.reads()).isEqualTo(3);
            assertThat(text())
                    .containsPattern("never ran\\s+3\\n")
                    .contains("note: burst: 3 never ran by the deadline (last seen 3x CANCELLED)");
        }
    }

    @Test
    void saysWhenARunStartedWhileThePreviousOneLeftTasksNotFinal() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.NEVER_RUNS)) {
            int exit = run(api, "--tasks", "2", "--lead-seconds", "1", "--spread-seconds", "0", "--warmup", "2");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .contains("warm-up: 2 tasks due in 1 s", "created 2 in", "0 of 2 final by the deadline")
                    .contains("note: burst: started although 2 warm-up tasks were not final at its deadline")
                    .contains("note: spread: started although 2 burst tasks were not final at its deadline");
        }
    }

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

    @Test
    void failsAndCountsTheTasksThatRanEarly() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.EARLY)) {
            int exit = run(
                    api,
                    "--tasks",
                    "3",
                    "--lead-seconds",
                    "2",
                    "--scenario",
                    "spread",
                    "--spread-seconds",
                    "1",
                    "--warmup",
                    "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("early \\(must be 0\\)\\s+3\\n")
                    .containsPattern("lateness max \\(ms\\)\\s+-100\\n");
        }
    }

    @Test
    void failsAndCountsFailedTasks() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.FAILS)) {
            int exit = run(api, "--tasks", "4", "--lead-seconds", "2", "--scenario", "burst", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(api.reads()).isZero();
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

    private static List<Instant> timestamps(List<ObjectNode> tasks) {
        return tasks.stream()
                .map(task -> Instant.parse(task.get("timestamp").asString()))
                .sorted()
                .toList();
    }

    private static List<ObjectNode> tasksOf(FakeTasksApi api, String label) {
        return api.tasks().stream()
                .filter(task ->
                        task.path("payload").path("scenario").asString("").equals(label))
                .toList();
    }

    /** When the stand-in ran the run's tasks, in order. */
    private static List<Instant> runTimes(FakeTasksApi api, String label) {
        return timestamps(tasksOf(api, label)).stream()
                .map(timestamp -> timestamp.plus(RUN_DELAY))
                .toList();
    }

    private static List<Instant> createdTimes(FakeTasksApi api, String label) {
        return tasksOf(api, label).stream()
                .map(task -> Instant.parse(task.get("createdAt").asString()))
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
