package dev.tasksservice.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Bench's settings: each from its argument, else its environment variable, else its default. */
record BenchOptions(
        URI apiUrl, int tasks, Duration lead, Duration spread, int concurrency, List<Scenario> scenarios, int warmup) {

    static final String USAGE = """
            Usage: Bench [--tasks N] [--lead-seconds S] [--spread-seconds W] [--concurrency C]
                         [--scenario burst|spread|delivery|both|all] [--warmup N] [--api-url URL]
              --tasks N           tasks per scenario (env BENCH_TASKS, default 1000)
              --lead-seconds S    the first task is due S seconds after the bench starts creating
                                  (env BENCH_LEAD_SECONDS, default 20); creation and hand-over must finish by then
              --spread-seconds W  the spread scenario's tasks are due evenly over W seconds
                                  (env BENCH_SPREAD_SECONDS, default 60)
              --concurrency C     concurrent HTTP clients creating tasks (env BENCH_CONCURRENCY, default 16)
              --scenario          burst: all due at the same instant; spread: due over W seconds;
                                  delivery: all due at the same instant, each delivered by HTTP to a
                                  receiver the bench runs on 127.0.0.1, which measures their arrival;
                                  both: burst and spread; all: the three; or a list such as burst,delivery
                                  (env BENCH_SCENARIO, default all)
              --warmup N          first run N tasks due S seconds ahead, not counted, so the measured
                                  scenarios meet warm JVMs; with the delivery scenario, every other one
                                  is delivered to the receiver (env BENCH_WARMUP, default 200; 0: none)
              --api-url URL       the API (env API_URL, default http://localhost:8080)
            A scenario's tasks are found final by listing GET /tasks?status=COMPLETED and FAILED once a
            second, from just after the first due time; the next scenario starts once they all are.
            Exit 0 when every task COMPLETED and none ran early, and every delivery arrived, none early;
            1 otherwise; 2 when the bench could not run.
            """;

    private static final Map<String, String> ENV_BY_OPTION = Map.of(
            "--tasks", "BENCH_TASKS",
            "--lead-seconds", "BENCH_LEAD_SECONDS",
            "--spread-seconds", "BENCH_SPREAD_SECONDS",
            "--concurrency", "BENCH_CONCURRENCY",
            "--scenario", "BENCH_SCENARIO",
            "--warmup", "BENCH_WARMUP",
            "--api-url", "API_URL");

    /** Throws IllegalArgumentException, with a message for the user, for a bad or unknown option. */
    static BenchOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = CommandLine.options(args, ENV_BY_OPTION.keySet());
        return new BenchOptions(
                EndToEndSettings.apiUrl(Map.of("API_URL", value("--api-url", given, env, ""))),
                number("--tasks", given, env, 1000, 1, 1_000_000),
                Duration.ofSeconds(number("--lead-seconds", given, env, 20, 1, 86_400)),
                Duration.ofSeconds(number("--spread-seconds", given, env, 60, 0, 86_400)),
                number("--concurrency", given, env, 16, 1, 1024),
                scenarios(value("--scenario", given, env, "all")),
                number("--warmup", given, env, 200, 0, 1_000_000));
    }

    static boolean wantsHelp(String[] args) {
        return CommandLine.wantsHelp(args);
    }

    private static String value(String option, Map<String, String> given, Map<String, String> env, String fallback) {
        String value = given.getOrDefault(option, env.get(ENV_BY_OPTION.get(option)));
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int number(
            String option, Map<String, String> given, Map<String, String> env, int fallback, int min, int max) {
        String value = value(option, given, env, Integer.toString(fallback));
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(
                        "%s must be from %d to %d, got %d".formatted(option, min, max, number));
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static List<Scenario> scenarios(String value) {
        Set<Scenario> chosen = new LinkedHashSet<>();
        for (String name : value.toLowerCase(Locale.ROOT).split(",", -1)) {
            switch (name.strip()) {
                case "burst" -> chosen.add(Scenario.BURST);
                case "spread" -> chosen.add(Scenario.SPREAD);
                case "delivery" -> chosen.add(Scenario.DELIVERY);
                case "both" -> chosen.addAll(List.of(Scenario.BURST, Scenario.SPREAD));
                case "all" -> chosen.addAll(List.of(Scenario.values()));
                default ->
                    throw new IllegalArgumentException(
                            "--scenario must be burst, spread, delivery, both, all or a list of them, got '" + value
                                    + "'");
            }
        }
        return List.copyOf(chosen);
    }
}
