package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskPage;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import dev.tasksservice.local.LocalRuntimeApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The checks against the real service: a fresh local runtime (API, poller, queue, consumer, executor and timers, with
 * its default settings, as {@code make test} and {@code make bench} start it) in this JVM, on free ports and
 * dynalite, with its own table. EndToEnd must pass, and a short Bench must pass and report what the server recorded.
 */
class ChecksOnLocalRuntimeIT {

    /** How long the bench waits after the last due time; the real runtime needs milliseconds of it. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext runtime;
    private static URI apiUrl;
    private static TasksClient tasks;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void startTheLocalRuntime() {
        runtime = new SpringApplicationBuilder(LocalRuntimeApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.cloud.aws.dynamodb.endpoint="
                                + DynaliteServer.shared().endpoint(),
                        "--tasks.stage=e2e-" + UUID.randomUUID().toString().substring(0, 8),
                        "--tasks.local.sqs-port=0",
                        // Its dev webhook secret goes there, not into the module's folder.
                        "--tasks.local.data-dir=" + dataDir());
        int port = ((WebServerApplicationContext) runtime).getWebServer().getPort();
        apiUrl = URI.create("http://localhost:" + port);
        tasks = TasksClient.of(apiUrl);
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory("e2e-local-runtime");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopTheLocalRuntime() {
        if (tasks != null) {
            tasks.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void endToEndPassesWithATaskCompletedOnTime() throws Exception {
        // GIVEN the check of a task 2 s ahead, which must be COMPLETED by its timestamp + 10 s
        Map<String, String> env =
                Map.of("API_URL", apiUrl.toString(), "E2E_DELAY_SECONDS", "2", "E2E_TIMEOUT_SLACK_SECONDS", "10");

        // WHEN it runs against the local runtime
        int exit = EndToEnd.run(env, out());

        // THEN it passes, having seen the task created with its payload and then COMPLETED
        assertThat(exit).as(text()).isEqualTo(EndToEnd.PASSED);
        assertThat(text())
                .contains("EndToEnd against " + apiUrl, "created", "\"source\":\"e2e\"", "COMPLETED")
                .containsPattern("PASS: task COMPLETED at \\S+, \\d+ ms after its timestamp");
    }

    @Test
    void aShortBenchPassesAndReportsBothScenariosFromTheServersRecords() throws Exception {
        Instant started = Instant.now();

        int exit = bench(
                "--tasks",
                "10",
                "--lead-seconds",
                "3",
                "--spread-seconds",
                "2",
                "--concurrency",
                "4",
                "--warmup",
                "0",
                "--scenario",
                "both");

        assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
        assertThat(text())
                .containsPattern("\\n\\s+burst\\s+spread\\n")
                .containsPattern("tasks requested\\s+10\\s+10\\n")
                .containsPattern("completed\\s+10\\s+10\\n")
                .containsPattern("lateness p50 \\(ms\\)\\s+\\d+\\s+\\d+\\n")
                .containsPattern("lateness max \\(ms\\)\\s+\\d+\\s+\\d+\\n")
                .containsPattern("early \\(must be 0\\)\\s+0\\s+0\\n")
                .containsPattern("never ran\\s+0\\s+0\\n")
                .contains("burst: 10 of 10 final; the watch read", "spread: 10 of 10 final; the watch read")
                .contains("and 0 tasks one by one at the deadline")
                .contains("warm-up: none (--warmup 0)")
                .contains("PASS: every task COMPLETED, none early");
        // The server recorded what the report says: every task run once, never before its time.
        List<Task> run = completedSince(started);
        assertThat(run).hasSize(20).allSatisfy(task -> {
            assertThat(task.executedAt()).isAfterOrEqualTo(task.timestamp());
            assertThat(task.attempts()).isEqualTo(1);
        });
    }

    @Test
    void theBenchWarmsUpWithTasksNotCountedThenRunsTheScenariosOneAfterTheOther() throws Exception {
        Instant started = Instant.now();

        int exit = bench(
                "--tasks", "4", "--lead-seconds", "2", "--spread-seconds", "1", "--warmup", "3", "--scenario", "both");

        assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
        assertThat(text())
                .containsPattern("warm-up: 3 tasks due in 2 s warm up the JVMs \\(the bench's and the API's\\)"
                        + " before the measured scenarios, not counted in the report: created 3 in \\d+ ms,"
                        + " all final after \\d+ ms\\n")
                .containsPattern("tasks requested\\s+4\\s+4\\n")
                .containsPattern("completed\\s+4\\s+4\\n")
                .doesNotContain("started although");
        List<Task> run = completedSince(started);
        assertThat(of(run, "warm-up")).hasSize(3);
        assertThat(of(run, "burst")).hasSize(4);
        assertThat(of(run, "spread")).hasSize(4);
        // Each run's tasks are created only once the previous run's tasks have all run.
        assertThat(of(run, "burst"))
                .allSatisfy(task -> assertThat(task.createdAt()).isAfter(lastRun(of(run, "warm-up"))));
        assertThat(of(run, "spread"))
                .allSatisfy(task -> assertThat(task.createdAt()).isAfter(lastRun(of(run, "burst"))));
    }

    @Test
    void aShortDeliveryBenchPassesWithEveryTaskArrivingOnceAtTheBenchsReceiverNotEarly() throws Exception {
        Instant started = Instant.now();

        // A lead that covers creating the tasks on a busy machine too: one created after its time is refused.
        int exit = bench("--tasks", "50", "--lead-seconds", "8", "--scenario", "delivery", "--warmup", "20");

        assertThat(exit).as(text()).isEqualTo(Bench.PASSED);
        assertThat(text())
                .containsPattern("\\n\\s+delivery\\n")
                .containsPattern("completed\\s+50\\n")
                .containsPattern("arrived at the receiver\\s+50\\n")
                .containsPattern("arrival lateness p99 \\(ms\\)\\s+\\d+\\n")
                .containsPattern("arrived early \\(must be 0\\)\\s+0\\n")
                .containsPattern("missing \\(must be 0\\)\\s+0\\n")
                .containsPattern("duplicates\\s+0\\n")
                .contains("PASS: every task COMPLETED, none early, every delivery arrived, none early");
        // What the runtime did for them, priced: one POST and one attempt each, in the Express workflow (the queue held
        // each task until shortly before its time), whose millisecond wait is a function of its own.
        assertThat(text())
                .contains("Cost on AWS of the delivery scenario's 50 tasks")
                .containsPattern("Step Functions Standard\\s+0\\.00 state transitions\\s+0\\.00\\n")
                .containsPattern("Step Functions Express\\s+1\\.00 executions, \\d+\\.\\d\\d s\\s+\\d+\\.\\d\\d\\n")
                .containsPattern("millisecondWait 1\\.00")
                .containsPattern("API Gateway REST\\s+1\\.00 requests\\s+3\\.50\\n")
                .containsPattern("taskExecutor 1\\.00")
                .containsPattern("total\\s+\\d+\\.\\d\\d\\n");
        // The server recorded one successful attempt per task, answered by the receiver with 200.
        List<Task> run = of(completedSince(started), "delivery");
        assertThat(run).hasSize(50).allSatisfy(task -> {
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(task.target()).isInstanceOf(HttpTarget.class);
            assertThat(((HttpTarget) task.target()).url().getHost()).isEqualTo("127.0.0.1");
        });
    }

    private int bench(String... args) throws InterruptedException {
        return Bench.run(args, Map.of("API_URL", apiUrl.toString()), GRACE, out());
    }

    /** The COMPLETED bench tasks created since {@code since}, from the API's listing. */
    private static List<Task> completedSince(Instant since) {
        List<Task> completed = new ArrayList<>();
        String cursor = null;
        do {
            TaskPage page = tasks.list(TaskStatus.COMPLETED, 100, cursor);
            page.items().stream()
                    .filter(task -> !task.createdAt().isBefore(since))
                    .filter(task -> task.payload() != null
                            && task.payloadJson().path("source").asString("").equals("bench"))
                    .forEach(completed::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return completed;
    }

    private static List<Task> of(List<Task> tasks, String label) {
        return tasks.stream()
                .filter(task -> task.payloadJson().path("scenario").asString("").equals(label))
                .toList();
    }

    private static Instant lastRun(List<Task> tasks) {
        return tasks.stream()
                .map(Task::executedAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
