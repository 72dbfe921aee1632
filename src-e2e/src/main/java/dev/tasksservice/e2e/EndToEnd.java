package dev.tasksservice.e2e;

import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TasksApiException;
import dev.tasksservice.client.TasksClient;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
        try (ApiConnection api = ApiConnection.open(settings.apiUrl(), 1)) {
            return new EndToEnd(settings, out).check(api.client());
        }
    }

    private int check(TasksClient client) throws InterruptedException {
        out.printf(
                "EndToEnd against %s: a task due in %d s must be COMPLETED by its timestamp + %d s%n",
                client.baseUrl(), settings.delay().toSeconds(), settings.slack().toSeconds());
        Task created;
        try {
            created = client.create(request()).task();
        } catch (RuntimeException e) {
            if (ApiConnection.isNoApi(e)) {
                out.println("no API at " + client.baseUrl() + ": start it with make run");
                return NOT_RUN;
            }
            out.println("FAIL: could not create the task: " + describe(e));
            return FAILED;
        }
        print("created", created);
        Task last = watch(client, created);
        CompletionCheck.Verdict verdict = CompletionCheck.judge(last, settings.slack());
        out.println((verdict.passed() ? "PASS: " : "FAIL: ") + verdict.reason());
        return verdict.passed() ? PASSED : FAILED;
    }

    /** Polls until the task is final or its deadline has passed, printing every status it moves to. */
    private Task watch(TasksClient client, Task created) throws InterruptedException {
        Instant deadline = created.timestamp().plus(settings.slack());
        Task last = created;
        String lastProblem = null;
        while (!last.isFinal() && !Instant.now().isAfter(deadline)) {
            Thread.sleep(POLL_INTERVAL);
            try {
                Task current = client.get(created.id());
                if (current.status() != last.status()) {
                    print(current.status().name(), current);
                }
                last = current;
                lastProblem = null;
            } catch (UncheckedIOException | TasksApiException e) {
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

    private ScheduleRequest request() {
        return ScheduleRequest.after(settings.delay()).withPayload("{\"source\":\"e2e\"}");
    }

    private void print(String event, Task task) {
        out.printf("%s  %-11s %s%n", now(), event, task);
    }

    private static String now() {
        return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).format(LOCAL_TIME);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
