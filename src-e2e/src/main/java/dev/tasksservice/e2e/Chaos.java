package dev.tasksservice.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The crash test: on the local runtime, with a webhook receiver counting deliveries, schedules tasks spread over a
 * window, kills the runtime ({@code kill -9}) at random moments and restarts dynalite once, waits until every task is
 * final, and says what the receiver saw: tasks lost, early, delivered twice (each put down to the crash window it
 * followed), stuck, and the lateness of the tasks due outside the outages. A second scenario runs two runtimes on one
 * table and one queue, without crashes: no task may be delivered twice. Everything it starts (dynalite, the runtimes,
 * the queue) it stops; the whole run is bounded by {@code --max-minutes}. Exit 0 when every scenario passed, 1 when
 * one failed, 2 when it could not run. See {@link ChaosOptions}.
 */
public final class Chaos {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_RUN = 2;

    private Chaos() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws InterruptedException {
        if (ChaosOptions.wantsHelp(args)) {
            out.print(ChaosOptions.USAGE);
            return PASSED;
        }
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("Chaos: " + e.getMessage());
            out.print(ChaosOptions.USAGE);
            return NOT_RUN;
        }
        if (!Files.isRegularFile(options.runtimeJar())) {
            out.println("Chaos: the runtime's jar " + options.runtimeJar().toAbsolutePath()
                    + " is missing: build it (make chaos does) or give --runtime-jar");
            return NOT_RUN;
        }
        if (!Files.isRegularFile(options.dynaliteCli())) {
            out.println("Chaos: dynalite is not installed at "
                    + options.dynaliteCli().toAbsolutePath() + ": run npm ci (make chaos does) or give --dynalite-cli");
            return NOT_RUN;
        }
        long seed = options.seed().orElseGet(() -> new SecureRandom().nextLong());
        Instant deadline = Instant.now().plus(options.maxTime());
        out.printf(
                "Chaos at %s: %d tasks per scenario due over %d s from %d s ahead; one runtime: %d kill -9%s;"
                        + " seed %d (--seed %d draws the same crash moments); stops by %s at the latest%n",
                IsoTime.format(Instant.now()),
                options.tasks(),
                options.spread().toSeconds(),
                options.lead().toSeconds(),
                options.kills(),
                options.restartDynalite()
                        ? ", dynalite restarted once (down "
                                + options.dynaliteDown().toSeconds() + " s)"
                        : "",
                seed,
                seed,
                IsoTime.format(deadline));
        List<ChaosReport.ScenarioRun> runs = new ArrayList<>();
        // Each scenario draws from its own random, so a seed gives the same moments however they are run.
        List<Callable<ChaosReport.ScenarioRun>> scenarios = new ArrayList<>();
        for (int runtimes : options.runtimes()) {
            Random random = new Random(seed + runtimes);
            scenarios.add(() -> new ChaosScenario(options, runtimes, random, deadline, out).run());
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.together() ? scenarios.size() : 1);
        try {
            List<Future<ChaosReport.ScenarioRun>> started = new ArrayList<>();
            for (Callable<ChaosReport.ScenarioRun> scenario : scenarios) {
                started.add(pool.submit(scenario));
            }
            for (int i = 0; i < started.size(); i++) {
                int runtimes = options.runtimes().get(i);
                try {
                    runs.add(started.get(i).get());
                } catch (ExecutionException e) {
                    out.println("Chaos: the scenario with " + runtimes + " runtime(s) could not run: "
                            + e.getCause().getMessage());
                    return NOT_RUN;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.println();
        out.print(ChaosReport.render(runs, options.stuckAfter().toSeconds()));
        out.println("The window (README, Crash test): a second delivery may follow a crash between a webhook's"
                + " delivery and the write that records it; outside it, and with two runtimes, none may come.");
        boolean passed = runs.stream().allMatch(ChaosReport.ScenarioRun::passed);
        out.println(
                passed
                        ? "PASS: nothing lost, early or stuck; every second delivery in the window"
                        : "FAIL: see the figures and notes above (seed " + seed + ")");
        return passed ? PASSED : FAILED;
    }
}
