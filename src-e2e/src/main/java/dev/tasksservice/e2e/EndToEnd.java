package dev.tasksservice.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Schedules one task against a running API and watches it run: passes (exit 0) only if it is COMPLETED no
 * later than its timestamp + slack, with an executedAt not before its timestamp. Exit 1 when the check fails,
 * 2 when it cannot run (no API, bad settings).
 *
 * <p>Environment: {@code API_URL} (http://localhost:8080), {@code E2E_DELAY_SECONDS} (65),
 * {@code E2E_TIMEOUT_SLACK_SECONDS} (10).
 */
public final class EndToEnd {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_RUN = 2;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final EndToEndSettings settings;
    private final PrintStream out;

    private EndToEnd(EndToEndSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> env, PrintStream out) throws InterruptedException {
        EndToEndSettings settings;
        try {
            settings = EndToEndSettings.fromEnv(env);
        } catch (IllegalArgumentException e) {
            out.println("EndToEnd: " + e.getMessage());
            return NOT_RUN;
        }
        try (TasksClient client = new TasksClient(settings.apiUrl(), 1)) {
            return new EndToEnd(settings, out).check(client);
        }
    }

    private int check(TasksClient client) throws InterruptedException {
        out.printf(
                "EndToEnd against %s: a task due in %d s must be COMPLETED by its timestamp + %d s%n",
                client.baseUrl(), settings.delay().toSeconds(), settings.slack().toSeconds());
        TaskRecord created;
        try {
            created = new TaskRecord(client.create(requestBody()).task());
        } catch (IOException e) {
            if (TasksClient.isNoApi(e)) {
                out.println("no API at " + client.baseUrl() + ": start it with make run");
                return NOT_RUN;
            }
            out.println("FAIL: could not create the task: " + describe(e));
            return FAILED;
        }
        print("created", created);
        TaskRecord last = watch(client, created);
        CompletionCheck.Verdict verdict = CompletionCheck.judge(last, settings.slack());
        out.println((verdict.passed() ? "PASS: " : "FAIL: ") + verdict.reason());
        return verdict.passed() ? PASSED : FAILED;
    }

    /** Polls until the task is final or its deadline has passed, printing every status it moves to. */
    private TaskRecord watch(TasksClient client, TaskRecord created) throws InterruptedException {
        Instant deadline = created.timestamp().plus(settings.slack());
        TaskRecord last = created;
        String lastProblem = null;
        while (!last.isFinal() && !Instant.now().isAfter(deadline)) {
            Thread.sleep(POLL_INTERVAL);
            try {
                TaskRecord current = new TaskRecord(client.get(created.id()));
                if (!current.status().equals(last.status())) {
                    print(current.status(), current);
                }
                last = current;
                lastProblem = null;
            } catch (IOException e) {
                // Keep polling until the deadline: a restarting API is not yet a failed task.
                String problem = describe(e);
                if (!Objects.equals(problem, lastProblem)) {
                    out.printf("%s  GET /tasks/%s failed: %s%n", now(), created.id(), problem);
                }
                lastProblem = problem;
            }
        }
        return last;
    }

    private String requestBody() {
        return TasksClient.JSON
                .createObjectNode()
                .put("seconds", settings.delay().toSeconds())
                .set("payload", TasksClient.JSON.createObjectNode().put("source", "e2e"))
                .toString();
    }

    private void print(String event, TaskRecord task) {
        out.printf("%s  %-11s %s%n", now(), event, task);
    }

    private static String now() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).format(LOCAL_TIME);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
