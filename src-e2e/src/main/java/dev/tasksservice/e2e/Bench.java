package dev.tasksservice.e2e;

import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Measures how punctually a running API fires many tasks: first runs a few warm-up tasks, not counted, so the
 * measured scenarios meet warm JVMs; then, one scenario after the other, creates the scenario's tasks (all due at
 * once, or spread over a window), waits until all are final (see {@link CompletionWatcher}) and reports lateness,
 * misses and rates per scenario. A scenario starts only once the previous one's tasks are all final, or its
 * deadline has passed (said in a note). The delivery scenario's tasks are delivered by HTTP to a receiver the bench
 * runs on 127.0.0.1 ({@link WebhookReceiver}), which measures when they arrive; the warm-up then delivers every other
 * task there too, so the delivery path is warm as well. Exit 0 when every task COMPLETED, none ran early and every
 * delivery arrived, none early; 1 otherwise; 2 when the bench could not run. See {@link BenchOptions}.
 */
public final class Bench {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_RUN = 2;

    /** How long after the last due time the bench keeps waiting for tasks to finish. */
    static final Duration GRACE = Duration.ofSeconds(60);

    /** How long the bench waits at most, once a delivery scenario's tasks are final, for deliveries still missing. */
    static final Duration ARRIVAL_WAIT = Duration.ofSeconds(2);

    private static final int ERROR_SAMPLES = 3;
    private static final String WARMUP = "warm-up";

    private final BenchOptions options;
    private final TasksClient client;
    private final Duration grace;
    private final PrintStream out;
    /** Where delivered tasks go; null when no scenario delivers to the bench. */
    private final WebhookReceiver receiver;
    /** What the previous run (warm-up or scenario) left not final at its deadline; null when nothing. */
    private String leftNotFinal;

    private Bench(BenchOptions options, TasksClient client, Duration grace, PrintStream out, WebhookReceiver receiver) {
        this.options = options;
        this.client = client;
        this.grace = grace;
        this.out = out;
        this.receiver = receiver;
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
        boolean delivers = options.scenarios().stream().anyMatch(Scenario::delivers);
        try (ApiConnection api = ApiConnection.open(options.apiUrl(), options.concurrency());
                WebhookReceiver receiver = delivers ? startReceiver() : null) {
            return new Bench(options, api.client(), grace, out, receiver).runScenarios();
        }
    }

    private static WebhookReceiver startReceiver() {
        try {
            return WebhookReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException("The bench's webhook receiver could not start on 127.0.0.1", e);
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
        if (receiver != null) {
            out.printf("receiver: delivered tasks go to %s, where their arrival is measured%n", receiver.url());
        }
        if (!warmUp()) {
            out.println("no API at " + client.baseUrl() + ": start it with make run");
            return NOT_RUN;
        }
        AwsUsageReader usage = new AwsUsageReader(client.baseUrl());
        List<BenchReport.ScenarioRun> runs = new ArrayList<>();
        Map<String, TaskCost> costs = new LinkedHashMap<>();
        for (Scenario scenario : options.scenarios()) {
            Optional<Map<String, Long>> before = usage.read();
            BenchReport.ScenarioRun run = runScenario(scenario);
            if (run == null) {
                out.println("no API at " + client.baseUrl() + ": start it with make run");
                return NOT_RUN;
            }
            runs.add(run);
            Optional<Map<String, Long>> after = usage.read();
            int created = run.stats().created();
            if (before.isPresent() && after.isPresent() && created > 0) {
                costs.put(scenario.label(), TaskCost.between(before.get(), after.get(), created));
            }
        }
        out.println();
        out.print(BenchReport.render(runs));
        printCost(costs);
        boolean passed = runs.stream().allMatch(BenchReport.ScenarioRun::passed);
        String delivered = receiver == null ? "" : ", every delivery arrived, none early";
        out.println(
                passed
                        ? "PASS: every task COMPLETED, none early" + delivered
                        : "FAIL: some tasks ran early or did not COMPLETE, or a delivery was early or missing (see"
                                + " above)");
        return passed ? PASSED : FAILED;
    }

    /**
     * What each scenario's tasks would cost on AWS: the usage the local runtime counted while they ran, priced per
     * million tasks ({@link TaskCost}). The poller's runs in that time are in it too, a fixed cost spread here over
     * few tasks. The Lambda milliseconds are this machine's: a burst makes every call wait for the one local store.
     */
    private void printCost(Map<String, TaskCost> costs) {
        if (costs.isEmpty()) {
            out.println(
                    "cost: not measured (" + client.baseUrl() + " counts no AWS usage: only the local runtime does)");
            return;
        }
        costs.forEach((label, cost) -> {
            out.println();
            out.printf(
                    "Cost on AWS of the %s scenario's %d tasks, from the calls the runtime made for them, at us-east-1"
                            + " prices:%n",
                    label, cost.tasks());
            out.print(cost.render());
        });
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
        // With a receiver, every other warm-up task is delivered to it, so the delivery path is warm too.
        CreationResult creation = new TaskCreator(client, options.concurrency())
                .create(WARMUP, Collections.nCopies(count, due), index -> index % 2 == 1 ? receiverTarget() : null);
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
        CreationResult creation = new TaskCreator(client, options.concurrency())
                .create(label, dueTimes, index -> scenario.delivers() ? receiverTarget() : null);
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
        if (scenario.delivers()) {
            // The listings would load the API while the deliveries go out: they start once all have arrived.
            out.printf(
                    "%s: waiting until every delivery has arrived at the receiver, at most until %s%n",
                    label, IsoTime.format(deadline));
            awaitArrivals(creation.created(), deadline);
        }
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
        DeliveryStats delivery = scenario.delivers() ? arrivals(label, creation.created(), notes) : null;
        return new BenchReport.ScenarioRun(stats, delivery, notes);
    }

    private HttpTarget receiverTarget() {
        return receiver == null ? null : HttpTarget.post(receiver.url());
    }

    /**
     * What the receiver saw of the scenario's tasks. A delivery arrives before its task is recorded COMPLETED, so
     * by now every completed task's has; the others get a short, bounded wait.
     */
    private DeliveryStats arrivals(String label, List<CreatedTask> created, List<String> notes)
            throws InterruptedException {
        Instant until = Instant.now().plus(ARRIVAL_WAIT);
        DeliveryStats delivery = DeliveryStats.of(created, this::arrivalsOf);
        while (delivery.missing() > 0 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            delivery = DeliveryStats.of(created, this::arrivalsOf);
        }
        out.printf(
                "%s: the receiver saw %d of %d deliveries arrive, %d more than once%n",
                label, delivery.arrived(), delivery.expected(), delivery.duplicates());
        if (delivery.missing() > 0) {
            notes.add("%d deliveries never arrived at the receiver (waited %d ms after the tasks were final)"
                    .formatted(delivery.missing(), ARRIVAL_WAIT.toMillis()));
        }
        if (delivery.early() > 0) {
            notes.add("%d deliveries arrived before their task's timestamp".formatted(delivery.early()));
        }
        if (delivery.duplicates() > 0) {
            notes.add("%d deliveries arrived a second time (the same webhook-id): delivery is at least once"
                    .formatted(delivery.duplicates()));
        }
        if (receiver.withoutId() > 0) {
            notes.add("%d requests reached the receiver without a webhook-id header".formatted(receiver.withoutId()));
        }
        return delivery;
    }

    /** Waits until the receiver has seen a delivery of every task, or the deadline passes; looks 20 times a second. */
    private void awaitArrivals(List<CreatedTask> created, Instant deadline) throws InterruptedException {
        while (created.stream().anyMatch(task -> arrivalsOf(task).isEmpty())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    private List<Instant> arrivalsOf(CreatedTask task) {
        return receiver.arrivalsOf(task.id().toString());
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
