package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bench where the real service cannot show it, against a stand-in API, with the grace period after the last due time
 * cut to a second: how it finds tasks final (listing only, from just after the first due time, following cursors
 * across pages of a few tasks), and its verdicts on tasks that never run, are cancelled, run early or fail, on an API
 * too slow to create them in time, and with no API at all. {@link ChecksOnLocalRuntimeIT} passes it on the real local
 * runtime. Its tests run side by side, each with an API, a receiver and a bench of its own, as they mostly wait;
 * the one whose verdict hangs on how fast tasks are created runs alone ({@link BenchCreationIT}).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = ChaosIT.MACHINE, mode = ResourceAccessMode.READ)
class BenchIT {

    private static final Duration SHORT_GRACE = Duration.ofSeconds(1);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

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
    void theDeliveryScenarioMeasuresArrivalAtItsReceiver() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.delivering(FakeTasksApi.Behaviour.ON_TIME, 1)) {
            int exit = run(api, "--tasks", "5", "--lead-seconds", "2", "--scenario", "delivery", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            // Every task was created with an HTTP target at the bench's receiver on the loopback address.
            assertThat(api.tasks()).hasSize(5);
            assertThat(text())
                    .containsPattern("receiver: delivered tasks go to http://127\\.0\\.0\\.1:\\d+/webhook")
                    .containsPattern("\\n\\s+delivery\\n")
                    .containsPattern("arrived at the receiver\\s+5\\n")
                    // The stand-in delivers 30 ms after the timestamp; the receiver sees it no sooner.
                    .containsPattern("arrival lateness p50 \\(ms\\)\\s+([3-9]\\d|\\d{3,})\\n")
                    .containsPattern("arrived early \\(must be 0\\)\\s+0\\n")
                    .containsPattern("missing \\(must be 0\\)\\s+0\\n")
                    .containsPattern("duplicates\\s+0\\n")
                    .contains("delivery: the receiver saw 5 of 5 deliveries arrive, 0 more than once")
                    .contains("PASS: every task COMPLETED, none early, every delivery arrived, none early");
        }
    }

    @Test
    void countsSecondDeliveriesAsDuplicatesWithoutFailing() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.delivering(FakeTasksApi.Behaviour.ON_TIME, 2)) {
            int exit = run(api, "--tasks", "3", "--lead-seconds", "2", "--scenario", "delivery", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(text())
                    .containsPattern("duplicates\\s+3\\n")
                    .contains("note: delivery: 3 deliveries arrived a second time (the same webhook-id)");
        }
    }

    @Test
    void failsWhenDeliveriesNeverArriveThoughTheTasksCompleted() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.delivering(FakeTasksApi.Behaviour.ON_TIME, 0)) {
            int exit = run(api, "--tasks", "3", "--lead-seconds", "2", "--scenario", "delivery", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("completed\\s+3\\n")
                    .containsPattern("missing \\(must be 0\\)\\s+3\\n")
                    .containsPattern("arrival lateness p50 \\(ms\\)\\s+n/a\\n")
                    .contains("note: delivery: 3 deliveries never arrived at the receiver")
                    .contains("FAIL:");
        }
    }

    @Test
    void failsAndCountsDeliveriesThatArrivedEarly() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.delivering(FakeTasksApi.Behaviour.EARLY, 1)) {
            int exit = run(api, "--tasks", "3", "--lead-seconds", "2", "--scenario", "delivery", "--warmup", "0");

            assertThat(exit).as(text()).isEqualTo(Bench.FAILED);
            assertThat(text())
                    .containsPattern("arrived early \\(must be 0\\)\\s+3\\n")
                    .contains("note: delivery: 3 deliveries arrived before their task's timestamp");
        }
    }

    @Test
    void theWarmUpDeliversEveryOtherTaskToTheReceiverWhenADeliveryScenarioFollows() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.delivering(FakeTasksApi.Behaviour.ON_TIME, 1)) {
            int exit = run(api, "--tasks", "2", "--lead-seconds", "2", "--scenario", "burst,delivery", "--warmup", "4");

            assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
            assertThat(text())
                    .containsPattern("\\n\\s+burst\\s+delivery\\n")
                    .containsPattern("arrived at the receiver\\s+-\\s+2\\n");
            assertThat(api.createdWithTarget()).isEqualTo(2 + 2);
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

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
