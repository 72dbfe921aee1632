package dev.tasksservice.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** The figures of Chaos's scenarios side by side, one column each, as a plain-text table. */
final class ChaosReport {

    private static final String NONE = "-";

    private ChaosReport() {}

    /** One scenario's outcome. */
    record ScenarioRun(
            String label, List<Crash> crashes, ChaosFigures figures, boolean repeatsAllowed, boolean passed) {}

    static String render(List<ScenarioRun> runs, long stuckAfterSeconds) {
        ReportTable table =
                new ReportTable("", runs.stream().map(ScenarioRun::label).toList());
        row(
                table,
                runs,
                "tasks created",
                run -> run.figures().created() + " of " + run.figures().requested());
        row(table, runs, "crashes", run -> crashes(run.crashes()));
        row(table, runs, "delivered", run -> Integer.toString(run.figures().delivered()));
        row(
                table,
                runs,
                "lost (never delivered, must be 0)",
                run -> Integer.toString(run.figures().lost()));
        row(
                table,
                runs,
                "early (must be 0)",
                run -> Integer.toString(run.figures().early()));
        row(
                table,
                runs,
                "delivered twice",
                run -> Integer.toString(run.figures().repeats().size()));
        Set<String> labels = new LinkedHashSet<>();
        runs.forEach(run -> run.crashes().forEach(crash -> labels.add(crash.label())));
        for (String label : labels) {
            row(table, runs, "  after " + label + ", in the window", run -> {
                Integer count = run.figures().repeatsByCrash(run.crashes()).get(label);
                return count == null ? NONE : Integer.toString(count);
            });
        }
        row(
                table,
                runs,
                "  outside the window (must be 0)",
                run -> Long.toString(
                        run.repeatsAllowed()
                                ? run.figures().repeatsOutsideWindow()
                                : run.figures().repeats().size()));
        row(
                table,
                runs,
                "stuck (not final %d s after its time, must be 0)".formatted(stuckAfterSeconds),
                run -> Integer.toString(run.figures().stuck()));
        row(table, runs, "COMPLETED", run -> Integer.toString(run.figures().completed()));
        row(table, runs, "FAILED", run -> Integer.toString(run.figures().failed()));
        row(
                table,
                runs,
                "due outside the outage",
                run -> Integer.toString(run.figures().dueOutsideOutage()));
        row(
                table,
                runs,
                "lateness p50 (ms), due outside",
                run -> at(run.figures().latenessOutsideOutage(), 50));
        row(
                table,
                runs,
                "lateness p99 (ms), due outside",
                run -> at(run.figures().latenessOutsideOutage(), 99));
        row(
                table,
                runs,
                "lateness max (ms), due outside",
                run -> max(run.figures().latenessOutsideOutage()));
        row(
                table,
                runs,
                "lateness p99 (ms), every task",
                run -> at(run.figures().latenessAll(), 99));
        row(
                table,
                runs,
                "lateness max (ms), every task",
                run -> max(run.figures().latenessAll()));
        row(table, runs, "verdict", run -> run.passed() ? "PASS" : "FAIL");
        return table.render();
    }

    private static void row(ReportTable table, List<ScenarioRun> runs, String label, Function<ScenarioRun, String> f) {
        List<String> values = new ArrayList<>();
        runs.forEach(run -> values.add(f.apply(run)));
        table.row(label, values);
    }

    private static String crashes(List<Crash> crashes) {
        long kills = crashes.stream()
                .filter(crash -> crash.kind() == Crash.Kind.RUNTIME_KILLED)
                .count();
        long restarts = crashes.size() - kills;
        if (crashes.isEmpty()) {
            return "none";
        }
        return kills + " kill -9" + (restarts > 0 ? ", " + restarts + " dynalite" : "");
    }

    private static String at(Percentiles values, double p) {
        return values.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f", values.at(p));
    }

    private static String max(Percentiles values) {
        return values.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f", values.max());
    }
}
