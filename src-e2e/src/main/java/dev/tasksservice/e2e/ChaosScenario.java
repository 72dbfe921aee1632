package dev.tasksservice.e2e;

import dev.tasksservice.client.Attempt;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TasksClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One chaos scenario: starts the services ({@link ChaosServices}) and a webhook receiver, creates the tasks due over
 * the spread, all delivered to the receiver, causes the planned crashes while the tasks fall due, waits until every
 * task is final or the deadline passes, and works out the figures ({@link ChaosFigures}).
 */
final class ChaosScenario {

    /** Time allowed, beyond the tasks' own span, for starting the services and creating the tasks. */
    static final Duration STARTUP_ALLOWANCE = Duration.ofMinutes(5);

    /** How long the receiver must have seen nothing new before its counts are taken. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private static final Duration MAX_SETTLE = Duration.ofSeconds(15);
    private static final int LISTED_REPEATS = 20;
    private static final int WARM_UP = 50;

    private final ChaosOptions options;
    private final int runtimes;
    private final Random random;
    private final Instant deadline;
    private final PrintStream out;
    private final String label;
    private final List<Crash> crashes = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private Instant start;

    /** {@code deadline}: the whole run's; the scenario stops by it whatever happens. */
    ChaosScenario(ChaosOptions options, int runtimes, Random random, Instant deadline, PrintStream out) {
        this.options = options;
        this.runtimes = runtimes;
        this.random = random;
        this.deadline = deadline;
        this.out = out;
        this.label = runtimes == 1 ? "one runtime" : "two runtimes";
    }

    /** Runs the scenario; the services are stopped when it returns. */
    ChaosReport.ScenarioRun run() throws InterruptedException {
        start = Instant.now();
        Instant until = earlier(
                deadline,
                start.plus(STARTUP_ALLOWANCE)
                        .plus(options.lead())
                        .plus(options.spread())
                        .plus(options.stuckAfter()));
        Path folder = createFolder();
        out.printf(
                "%n%s: starting dynalite and %s on 127.0.0.1 (logs in %s)%n",
                label, runtimes == 1 ? "the runtime" : "two runtimes sharing its table and one queue", folder);
        boolean passed = false;
        // The receiver closes last, so that nothing the runtimes still send meets a closed port.
        try (WebhookReceiver receiver = startReceiver();
                ChaosServices services = ChaosServices.start(options, runtimes, folder, until, out)) {
            List<ApiConnection> apis = services.apiUrls().stream()
                    .map(url -> ApiConnection.open(url, options.concurrency()))
                    .toList();
            try {
                ChaosReport.ScenarioRun run = measure(services, receiver, apis, until);
                passed = run.passed();
                return run;
            } finally {
                apis.forEach(ApiConnection::close);
            }
        } finally {
            if (passed) {
                deleteFolder(folder);
            } else {
                out.printf("%s: the logs are kept in %s%n", label, folder);
            }
        }
    }

    private ChaosReport.ScenarioRun measure(
            ChaosServices services, WebhookReceiver receiver, List<ApiConnection> apis, Instant until)
            throws InterruptedException {
        warmUp(apis);
        Instant firstDue = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(options.lead());
        List<Instant> dueTimes = Scenario.SPREAD.dueTimes(firstDue, options.tasks(), options.spread());
        Instant lastDue = dueTimes.getLast();
        out.printf(
                "%s: creating %d tasks due %s .. %s, delivered to %s%n",
                label, dueTimes.size(), IsoTime.format(firstDue), IsoTime.format(lastDue), receiver.url());
        List<CreatedTask> created = create(apis, dueTimes, HttpTarget.post(receiver.url()));
        Instant createdBy = Instant.now();
        out.printf(
                "%s: created %d of %d by %s, %d ms before the first due time%n",
                label,
                created.size(),
                dueTimes.size(),
                relative(createdBy),
                Duration.between(createdBy, firstDue).toMillis());
        long answeredLate =
                created.stream().filter(CreatedTask::answeredAfterDue).count();
        if (answeredLate > 0) {
            notes.add("%d POSTs were answered only after their task was due (the machine is slow: more"
                            .formatted(answeredLate)
                    + " --lead-seconds)");
        }

        // From the first due time (or the end of creation) to four fifths of the way to the last due time: late
        // enough to hit tasks, early enough that the recovery meets tasks still due.
        Instant from = later(createdBy, firstDue);
        Instant to = later(
                from, from.plus(Duration.between(from, lastDue).multipliedBy(4).dividedBy(5)));
        List<CrashPlan.Planned> plan = runtimes == 1
                ? CrashPlan.draw(random, options.kills(), options.restartDynalite(), from, to)
                : List.of();
        plan.forEach(crash -> out.printf(
                "%s: plan: %s at %s%n",
                label,
                crash.kind() == Crash.Kind.RUNTIME_KILLED ? "kill " + crash.number() : "dynalite restart",
                relative(crash.at())));
        Thread crasher = Thread.ofPlatform().name("chaos-crashes").start(() -> crash(services, plan, until));

        Instant watchUntil = earlier(until, lastDue.plus(options.stuckAfter()).plus(Duration.ofSeconds(5)));
        CompletionWatcher.WatchResult watch = new CompletionWatcher(
                        apis.getFirst().client(), options.concurrency(), out)
                .watch(label, created, watchUntil);
        crasher.join(Math.max(1, Duration.between(Instant.now(), until).toMillis()));
        if (crasher.isAlive()) {
            crasher.interrupt();
            crasher.join(30_000);
            notes.add("the crashes were not all done by the deadline");
        }
        watch = finalStateOfTheRest(apis.getFirst().client(), created, watch, until);
        if (watch.notFinal() > 0) {
            // Where the runtimes' threads are now tells where a task stuck in progress waits.
            services.runtimeThreads()
                    .forEach((runtime, threads) ->
                            out.printf("%s: %s's threads in the service's code:%n%s%n", label, runtime, threads));
        }
        awaitQuiet(receiver);

        Map<UUID, List<WebhookReceiver.Arrival>> deliveries = new HashMap<>();
        created.forEach(task ->
                deliveries.put(task.id(), receiver.deliveriesOf(task.id().toString())));
        List<Crash> happened =
                crashes.stream().sorted(Comparator.comparing(Crash::at)).toList();
        TasksClient client = apis.getFirst().client();
        List<SecondDeliveries.Repeat> repeats =
                SecondDeliveries.classify(deliveries, happened, id -> recordedAttempts(client, id));
        ChaosFigures figures = ChaosFigures.of(
                dueTimes.size(),
                created,
                watch.lastSeen(),
                id -> deliveries.getOrDefault(id, List.of()),
                happened,
                repeats,
                options.stuckAfter());
        if (watch.notFinal() > 0) {
            notes.add("%d tasks were not final at the end (last seen %s)".formatted(watch.notFinal(), statuses(watch)));
        }
        Map<UUID, Task> lastSeen = watch.lastSeen();
        List<String> lost = created.stream()
                .filter(task -> deliveries.get(task.id()).isEmpty())
                .map(task -> describe(task, lastSeen))
                .toList();
        if (!lost.isEmpty()) {
            notes.add("never delivered: %s".formatted(String.join("; ", lost.subList(0, Math.min(10, lost.size())))));
        }
        if (receiver.withoutId() > 0) {
            notes.add("%d requests reached the receiver without a webhook-id".formatted(receiver.withoutId()));
        }
        report(happened, repeats);
        boolean passed = figures.passed(runtimes == 1) && plan.size() == happened.size();
        if (plan.size() != happened.size()) {
            notes.add("%d of %d planned crashes happened".formatted(happened.size(), plan.size()));
        }
        notes.forEach(note -> out.printf("%s: note: %s%n", label, note));
        return new ChaosReport.ScenarioRun(label, happened, figures, runtimes == 1, passed);
    }

    /** A task as last seen: its id, status, attempts and error, for a note that names it. */
    private static String describe(CreatedTask task, Map<UUID, Task> lastSeen) {
        Task last = lastSeen.getOrDefault(task.id(), task.task());
        return "%s %s after %s attempt(s)%s"
                .formatted(
                        task.id(),
                        last.status(),
                        last.attempts(),
                        last.lastError() == null ? "" : " (" + last.lastError() + ")");
    }

    /**
     * Creates {@link #WARM_UP} tasks through each API, due in an hour (long after the services are stopped), so that
     * the measured tasks meet warm JVMs: a cold runtime creates its first tasks several times slower.
     */
    private void warmUp(List<ApiConnection> apis) throws InterruptedException {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        for (ApiConnection api : apis) {
            new TaskCreator(api.client(), options.concurrency())
                    .create("chaos warm-up", Collections.nCopies(WARM_UP, later));
        }
    }

    /** Creates the tasks in due order; with two runtimes, every other one through each runtime's API, at once. */
    private List<CreatedTask> create(List<ApiConnection> apis, List<Instant> dueTimes, HttpTarget target)
            throws InterruptedException {
        int parts = apis.size();
        List<Future<CreationResult>> results = new ArrayList<>();
        try (ExecutorService creators = Executors.newFixedThreadPool(parts)) {
            for (int part = 0; part < parts; part++) {
                int first = part;
                List<Instant> share = new ArrayList<>();
                for (int i = first; i < dueTimes.size(); i += parts) {
                    share.add(dueTimes.get(i));
                }
                TaskCreator creator =
                        new TaskCreator(apis.get(part).client(), Math.max(1, options.concurrency() / parts));
                results.add(creators.submit(() -> creator.create("chaos", share, index -> target)));
            }
            List<CreatedTask> created = new ArrayList<>();
            for (Future<CreationResult> result : results) {
                CreationResult creation = get(result);
                created.addAll(creation.created());
                if (!creation.errors().isEmpty()) {
                    notes.add("%d POST /tasks failed, e.g. %s"
                            .formatted(
                                    creation.errors().size(), creation.errors().getFirst()));
                }
            }
            created.sort(Comparator.comparing(CreatedTask::timestamp));
            return created;
        }
    }

    /**
     * The tasks not final when the watch ended (stuck already: their time + {@code --stuck-after-seconds} has passed)
     * are watched once more, for as long again at most, so that the report tells a task that ended late (stuck) from
     * one never delivered (lost), and no task is left at the status it was created with because the API was down at
     * the end of the first watch.
     */
    private CompletionWatcher.WatchResult finalStateOfTheRest(
            TasksClient client, List<CreatedTask> created, CompletionWatcher.WatchResult watch, Instant until)
            throws InterruptedException {
        List<CreatedTask> rest = created.stream()
                .filter(task -> !watch.lastSeen().get(task.id()).isFinal())
                .toList();
        if (rest.isEmpty() || !Instant.now().isBefore(until)) {
            return watch;
        }
        out.printf(
                "%s: %d tasks are stuck; watching them until they are final, to tell stuck from lost%n",
                label, rest.size());
        CompletionWatcher.WatchResult more = new CompletionWatcher(client, options.concurrency(), out)
                .watch(label, rest, earlier(until, Instant.now().plus(options.stuckAfter())));
        Map<UUID, dev.tasksservice.client.Task> lastSeen = new HashMap<>(watch.lastSeen());
        lastSeen.putAll(more.lastSeen());
        return new CompletionWatcher.WatchResult(
                lastSeen,
                watch.listPages() + more.listPages(),
                watch.reads() + more.reads(),
                watch.listErrors() + more.listErrors(),
                watch.readErrors() + more.readErrors(),
                more.lastError() != null ? more.lastError() : watch.lastError());
    }

    /** Causes the planned crashes in order, each at its moment or once the previous one is over. */
    private void crash(ChaosServices services, List<CrashPlan.Planned> plan, Instant until) {
        try {
            for (CrashPlan.Planned planned : plan) {
                sleepUntil(planned.at());
                if (Instant.now().isAfter(until)) {
                    return;
                }
                Instant at = Instant.now();
                if (planned.kind() == Crash.Kind.RUNTIME_KILLED) {
                    int exit = services.killRuntime(1);
                    out.printf(
                            "%s: kill %d: runtime 1 killed with SIGKILL at %s (exit code %d)%n",
                            label, planned.number(), relative(at), exit);
                    services.restartRuntime(1);
                } else {
                    services.stopDynalite();
                    out.printf("%s: dynalite stopped at %s%n", label, relative(at));
                    Thread.sleep(options.dynaliteDown().toMillis());
                    services.startDynalite();
                    out.printf("%s: dynalite listening again at %s%n", label, relative(Instant.now()));
                }
                crashes.add(new Crash(planned.kind(), planned.number(), at, Instant.now()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            notes.add("a crash could not be recovered from: " + e.getMessage());
        }
    }

    /** Waits until the receiver has seen nothing new for {@link #SETTLE}, at most {@link #MAX_SETTLE}. */
    private static void awaitQuiet(WebhookReceiver receiver) throws InterruptedException {
        Instant until = Instant.now().plus(MAX_SETTLE);
        int seen = receiver.count();
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(until)
                && Duration.between(quietSince, Instant.now()).compareTo(SETTLE) < 0) {
            Thread.sleep(100);
            int now = receiver.count();
            if (now != seen) {
                seen = now;
                quietSince = Instant.now();
            }
        }
    }

    private Set<Integer> recordedAttempts(TasksClient client, UUID id) {
        try {
            Set<Integer> numbers = new HashSet<>();
            for (Attempt attempt : client.attempts(id)) {
                numbers.add(attempt.number());
            }
            return numbers;
        } catch (RuntimeException e) {
            notes.add("the attempts of task " + id + " could not be read: " + e.getMessage());
            return Set.of();
        }
    }

    private void report(List<Crash> happened, List<SecondDeliveries.Repeat> repeats) {
        happened.forEach(crash -> out.printf("%s: %s%n", label, crash.describe(start)));
        repeats.stream()
                .limit(LISTED_REPEATS)
                .forEach(repeat -> out.printf(
                        "%s: delivered twice: task %s, attempt %s at %s, attempt %s at %s: %s%n",
                        label,
                        repeat.task(),
                        repeat.previous().attempt(),
                        relative(repeat.previous().at()),
                        repeat.repeat().attempt(),
                        relative(repeat.repeat().at()),
                        repeat.inWindow()
                                ? "after " + repeat.crash().label() + ", in the window (delivered, not recorded)"
                                : "OUTSIDE the window: " + repeat.why()));
        if (repeats.size() > LISTED_REPEATS) {
            out.printf("%s: ... and %d more delivered twice%n", label, repeats.size() - LISTED_REPEATS);
        }
    }

    private static String statuses(CompletionWatcher.WatchResult watch) {
        return watch.lastSeen().values().stream()
                .filter(task -> !task.isFinal())
                .collect(Collectors.groupingBy(task -> task.status().name(), Collectors.counting()))
                .toString();
    }

    private String relative(Instant instant) {
        return String.format(
                Locale.ROOT, "+%.1f s", Duration.between(start, instant).toMillis() / 1000.0);
    }

    private WebhookReceiver startReceiver() {
        try {
            return WebhookReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook receiver could not start on 127.0.0.1", e);
        }
    }

    private static CreationResult get(Future<CreationResult> result) throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating the tasks failed", e.getCause());
        }
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("chaos-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Collections.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Only a temporary folder left behind.
        }
    }
}
