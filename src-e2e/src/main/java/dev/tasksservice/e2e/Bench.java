package dev.tasksservice.e2e;

import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures how punctually a running API fires many tasks: first runs a few warm-up tasks, not counted, so the
 * measured scenarios meet warm JVMs; then, one scenario after the other, creates the scenario's tasks (all due at
 * once, or spread over a window), waits until all are final (see {@link CompletionWatcher}) and reports lateness,
 * misses and rates per scenario. A scenario starts only once the previous one's tasks are all final, or its
 * deadline has passed (said in a note). Exit 0 when every task COMPLETED and none ran early, 1 otherwise, 2 when
 * the bench could not run. See {@link BenchOptions}.
 */
public final class Bench {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_RUN = 2;

    /** How long after the last due time the bench keeps waiting for tasks to finish. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private static final int ERROR_SAMPLES = 3;
    private static final String WARMUP = "warm-up";

    private final BenchOptions options;
    private final TasksClient client;
    private final Duration grace;
    private final PrintStream out;
    /** What the previous run (warm-up or scenario) left not final at its deadline; null when nothing. */
    private String leftNotFinal;

    private Bench(BenchOptions options, TasksClient client, Duration grace, PrintStream out) {
        this.options = options;
        this.client = client;
        this.grace = grace;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) throws InterruptedException {
        return run(args, env, GRACE, out);
    }

    /** {@code grace}: settable so a test of a task that never runs need not wait a minute. */
    static int run(String[] args, Map<String, String> env, Duration grace, PrintStream out)
            throws InterruptedException {
        if (BenchOptions.wantsHelp(args)) {
            out.print(BenchOptions.USAGE);
            return PASSED;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            out.println("Bench: " + e.getMessage());
            out.print(BenchOptions.USAGE);
            return NOT_RUN;
        }
        try (ApiConnection api = ApiConnection.open(options.apiUrl(), options.concurrency())) {
            return new Bench(options, api.client(), grace, out).runScenarios();
        }
    }

    private int runScenarios() throws InterruptedException {
        out.printf(
                "Bench against %s at %s: %d tasks per scenario, lead %d s, spread %d s, concurrency %d, warm-up %d"
                        + " tasks%n",
                client.baseUrl(),
                IsoTime.format(Instant.now()),
                options.tasks(),
                options.lead().toSeconds(),
                options.spread().toSeconds(),
                options.concurrency(),
                options.warmup());
        if (!warmUp()) {
            out.println("no API at " + client.baseUrl() + ": start it with make run");
            return NOT_RUN;
        }
        List<BenchReport.ScenarioRun> runs = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            BenchReport.ScenarioRun run = runScenario(scenario);
            if (run == null) {
                out.println("no API at " + client.baseUrl() + ": start it with make run");
                return NOT_RUN;
            }
            runs.add(run);
        }
        out.println();
        out.print(BenchReport.render(runs));
        boolean passed = runs.stream().allMatch(run -> run.stats().passed());
        out.println(
                passed
                        ? "PASS: every task COMPLETED, none early"
                        : "FAIL: some tasks ran early or did not COMPLETE (see above)");
        return passed ? PASSED : FAILED;
    }

    /**
     * Runs {@code --warmup} tasks due {@code --lead-seconds} ahead and waits until they are final, so the bench's
     * and the API's JVMs are warm (classes loaded, code compiled, connections open) when the first measured
     * scenario starts; prints one line, and counts nothing in the report. False when nothing answers at the API's
     * address.
     */
    private boolean warmUp() throws InterruptedException {
        int count = options.warmup();
        if (count == 0) {
            out.println("warm-up: none (--warmup 0), so the first scenario meets cold JVMs and creates more slowly");
            return true;
        }
        // One line in two parts, so the wait of about the lead does not pass in silence.
        out.printf(
                "warm-up: %d tasks due in %d s warm up the JVMs (the bench's and the API's) before the measured"
                        + " scenarios, not counted in the report: ",
                count, options.lead().toSeconds());
        out.flush();
        Instant started = Instant.now();
        Instant due = started.truncatedTo(ChronoUnit.MILLIS).plus(options.lead());
        CreationResult creation =
                new TaskCreator(client, options.concurrency()).create(WARMUP, Collections.nCopies(count, due));
        if (creation.noApi() && creation.created().isEmpty()) {
            out.println("no answer");
            return false;
        }
        CompletionWatcher.WatchResult watch = new CompletionWatcher(
                        client, options.concurrency(), new PrintStream(OutputStream.nullOutputStream()))
                .watch(WARMUP, creation.created(), due.plus(grace));
        long took = Duration.between(started, Instant.now()).toMillis();
        int created = creation.created().size();
        long notFinal = watch.notFinal();
        StringBuilder line = new StringBuilder(
                "created %d in %d ms, ".formatted(created, creation.elapsed().toMillis()));
        line.append(
                created == 0
                        ? "none to wait for"
                        : notFinal == 0
                                ? "all final after %d ms".formatted(took)
                                : "%d of %d final by the deadline, after %d ms"
                                        .formatted(created - notFinal, created, took));
        if (!creation.errors().isEmpty()) {
            line.append(
                    "; %d POST /tasks failed: %s".formatted(creation.errors().size(), mostCommon(creation.errors())));
        }
        out.println(line);
        noteNotFinal(WARMUP, watch);
        return true;
    }

    /** Creates, watches and measures one scenario; null when nothing answers at the API's address. */
    private BenchReport.ScenarioRun runScenario(Scenario scenario) throws InterruptedException {
        String label = scenario.label();
        Instant firstDue = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(options.lead());
        List<Instant> dueTimes = scenario.dueTimes(firstDue, options.tasks(), options.spread());
        out.printf(
                "%s: creating %d tasks due %s .. %s%n",
                label, dueTimes.size(), IsoTime.format(dueTimes.getFirst()), IsoTime.format(dueTimes.getLast()));
        List<String> notes = new ArrayList<>();
        if (leftNotFinal != null) {
            notes.add("started although " + leftNotFinal + "; if they still ran, they ran during this scenario");
        }
        CreationResult creation = new TaskCreator(client, options.concurrency()).create(label, dueTimes);
        if (creation.noApi() && creation.created().isEmpty()) {
            return null;
        }
        notes.addAll(creationNotes(creation, firstDue));
        out.printf(
                "%s: created %d of %d in %d ms%n",
                label,
                creation.created().size(),
                dueTimes.size(),
                creation.elapsed().toMillis());
        notes.forEach(note -> out.printf("%s: %s%n", label, note));

        Instant deadline = dueTimes.getLast().plus(grace);
        out.printf(
                "%s: waiting until every task is final (listing COMPLETED and FAILED tasks every %d s from %d ms"
                        + " after the first due time), at most until %s%n",
                label,
                CompletionWatcher.LIST_INTERVAL.toSeconds(),
                CompletionWatcher.LISTING_DELAY.toMillis(),
                IsoTime.format(deadline));
        CompletionWatcher.WatchResult watch =
                new CompletionWatcher(client, options.concurrency(), out).watch(label, creation.created(), deadline);
        out.printf(
                "%s: %d of %d final; the watch read %d list pages, and %d tasks one by one at the deadline%n",
                label,
                creation.created().size() - watch.notFinal(),
                creation.created().size(),
                watch.listPages(),
                watch.reads());
        if (watch.listErrors() > 0 || watch.readErrors() > 0) {
            notes.add("%d GET /tasks (list) and %d GET /tasks/{id} calls failed; the last: %s"
                    .formatted(watch.listErrors(), watch.readErrors(), watch.lastError()));
        }
        noteNotFinal(label, watch);
        ScenarioStats stats = ScenarioStats.of(scenario, dueTimes, creation, watch.lastSeen());
        notes.addAll(outcomeNotes(stats, creation, watch));
        return new BenchReport.ScenarioRun(stats, notes);
    }

    /** Remembers the tasks a run left not final at its deadline, for a note on the next scenario. */
    private void noteNotFinal(String label, CompletionWatcher.WatchResult watch) {
        long notFinal = watch.notFinal();
        leftNotFinal = notFinal == 0 ? null : "%d %s tasks were not final at its deadline".formatted(notFinal, label);
    }

    private List<String> creationNotes(CreationResult creation, Instant firstDue) {
        List<String> notes = new ArrayList<>();
        long margin = Duration.between(creation.finished(), firstDue).toMillis();
        if (margin < 0) {
            notes.add(("creation finished %d ms AFTER the first due time: --lead-seconds %d is too short for %d"
                            + " tasks: the API refuses a task created after its due time, and one answered late is late")
                    .formatted(-margin, options.lead().toSeconds(), options.tasks()));
        }
        long answeredLate = creation.created().stream()
                .filter(CreatedTask::answeredAfterDue)
                .count();
        if (answeredLate > 0) {
            notes.add("%d POSTs were answered only after their task was due".formatted(answeredLate));
        }
        if (!creation.errors().isEmpty()) {
            notes.add("%d POST /tasks failed: %s".formatted(creation.errors().size(), mostCommon(creation.errors())));
        }
        return notes;
    }

    private static List<String> outcomeNotes(
            ScenarioStats stats, CreationResult creation, CompletionWatcher.WatchResult watch) {
        List<String> notes = new ArrayList<>();
        if (stats.neverRan() > 0) {
            List<String> statuses = creation.created().stream()
                    .map(task -> watch.lastSeen().get(task.id()))
                    .filter(task -> task.status() != TaskStatus.COMPLETED && task.status() != TaskStatus.FAILED)
                    .map(task -> task.status().name())
                    .toList();
            notes.add("%d never ran by the deadline (last seen %s); is the pipeline running?"
                    .formatted(stats.neverRan(), mostCommon(statuses)));
        }
        if (stats.failed() > 0) {
            List<String> errors = creation.created().stream()
                    .map(task -> watch.lastSeen().get(task.id()))
                    .filter(task -> task.status() == TaskStatus.FAILED)
                    .map(task -> task.error() == null ? "no error given" : task.error())
                    .toList();
            notes.add("%d FAILED: %s".formatted(stats.failed(), mostCommon(errors)));
        }
        return notes;
    }

    /** The few most frequent messages with their counts, so 1000 identical errors read as one line. */
    private static String mostCommon(List<String> messages) {
        return messages.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(ERROR_SAMPLES)
                .map(entry -> entry.getValue() + "x " + entry.getKey())
                .collect(Collectors.joining("; "));
    }
}
