package dev.tasksservice.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Chaos's settings, each from its argument or its default.
 *
 * @param pollInterval the runtimes' poll interval ({@code TASKS_LOCAL_POLL_INTERVAL}); null for the runtime's own
 */
record ChaosOptions(
        int tasks,
        Duration lead,
        Duration spread,
        int kills,
        boolean restartDynalite,
        Duration dynaliteDown,
        List<Integer> runtimes,
        boolean together,
        OptionalLong seed,
        Duration stuckAfter,
        Duration pollInterval,
        int concurrency,
        Duration maxTime,
        Path runtimeJar,
        Path dynaliteCli) {

    static final String USAGE = """
            Usage: Chaos [--tasks N] [--spread-seconds W] [--lead-seconds S] [--kills K]
                         [--restart-dynalite true|false] [--runtimes 1|2|1,2] [--seed N] ...
              --tasks N                  tasks per scenario (default 5000)
              --spread-seconds W         their due times are spread evenly over W seconds (default 120)
              --lead-seconds S           the first is due S seconds after creation starts (default 90: creating
                                         5,000 tasks here takes 30 to 40 s, and a task created after its time
                                         would be late by the creation, not by the scheduler)
              --kills K                  one runtime: kill -9 it K times at random moments of the spread,
                                         restarting it each time (default 3)
              --restart-dynalite B       one runtime: also stop dynalite once, at a random moment, and start
                                         it again on the same data (default true)
              --dynalite-down-seconds D  how long dynalite stays down (default 5)
              --runtimes 1|2|1,2         the scenarios: 1, one runtime with the crashes above; 2, two runtimes
                                         on one table and one queue, no crash (default 1,2)
              --together B               run the scenarios at the same time, each with its own services, for a
                                         short check; they then share the machine (default false)
              --seed N                   the seed of the random crash moments (default: a new one, printed)
              --stuck-after-seconds T    a task not final T seconds after its time is stuck (default 120)
              --poll-interval-seconds P  the runtimes' poll interval (default: the runtime's, 60 s)
              --concurrency C            concurrent POST /tasks (default 16)
              --max-minutes M            the whole run stops after M minutes, whatever happens (default 30)
              --runtime-jar PATH         (default local-runtime/target/local-runtime-exec.jar)
              --dynalite-cli PATH        (default node_modules/dynalite/cli.js)
            Starts dynalite, the runtime(s) and a webhook receiver on 127.0.0.1, schedules the tasks to the
            receiver, crashes, waits until every task is final, and prints what the receiver saw. Exit 0 when
            no task was lost, early or stuck and every second delivery followed a crash in the window
            between a webhook's delivery and the write that records it (two runtimes: none at all);
            1 otherwise; 2 when it could not run.
            """;

    private static final Set<String> OPTIONS = Set.of(
            "--tasks",
            "--spread-seconds",
            "--lead-seconds",
            "--kills",
            "--restart-dynalite",
            "--dynalite-down-seconds",
            "--runtimes",
            "--together",
            "--seed",
            "--stuck-after-seconds",
            "--poll-interval-seconds",
            "--concurrency",
            "--max-minutes",
            "--runtime-jar",
            "--dynalite-cli");

    /** Throws IllegalArgumentException, with a message for the user, for a bad or unknown option. */
    static ChaosOptions parse(String[] args) {
        Map<String, String> given = CommandLine.options(args, OPTIONS);
        String seed = given.get("--seed");
        String poll = given.get("--poll-interval-seconds");
        return new ChaosOptions(
                number(given, "--tasks", 5000, 1, 100_000),
                Duration.ofSeconds(number(given, "--lead-seconds", 90, 1, 3600)),
                Duration.ofSeconds(number(given, "--spread-seconds", 120, 1, 3600)),
                number(given, "--kills", 3, 0, 100),
                bool(given, "--restart-dynalite", true),
                Duration.ofSeconds(number(given, "--dynalite-down-seconds", 5, 0, 600)),
                runtimes(given.getOrDefault("--runtimes", "1,2")),
                bool(given, "--together", false),
                seed == null ? OptionalLong.empty() : OptionalLong.of(longNumber("--seed", seed)),
                Duration.ofSeconds(number(given, "--stuck-after-seconds", 120, 1, 3600)),
                poll == null ? null : Duration.ofSeconds(number(given, "--poll-interval-seconds", 60, 1, 3600)),
                number(given, "--concurrency", 16, 1, 256),
                Duration.ofMinutes(number(given, "--max-minutes", 30, 1, 24 * 60)),
                Path.of(given.getOrDefault("--runtime-jar", "local-runtime/target/local-runtime-exec.jar")),
                Path.of(given.getOrDefault("--dynalite-cli", "node_modules/dynalite/cli.js")));
    }

    static boolean wantsHelp(String[] args) {
        return CommandLine.wantsHelp(args);
    }

    private static int number(Map<String, String> given, String option, int fallback, int min, int max) {
        String value = given.get(option);
        if (value == null) {
            return fallback;
        }
        long number = longNumber(option, value);
        if (number < min || number > max) {
            throw new IllegalArgumentException("%s must be from %d to %d, got %d".formatted(option, min, max, number));
        }
        return (int) number;
    }

    private static long longNumber(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> given, String option, boolean fallback) {
        String value = given.get(option);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(option + " must be true or false, got '" + value + "'");
        };
    }

    private static List<Integer> runtimes(String value) {
        List<Integer> chosen = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            switch (part.strip()) {
                case "1" -> chosen.add(1);
                case "2" -> chosen.add(2);
                default -> throw new IllegalArgumentException("--runtimes must be 1, 2 or 1,2, got '" + value + "'");
            }
        }
        if (chosen.stream().distinct().count() != chosen.size()) {
            throw new IllegalArgumentException("--runtimes names a scenario twice: '" + value + "'");
        }
        return List.copyOf(chosen);
    }
}
