package dev.tasksservice.e2e;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/** The bench's results as one aligned table, a column per scenario, followed by the notes that explain them. */
final class BenchReport {

    private BenchReport() {}

    /**
     * One scenario's numbers, what its receiver saw (null when its tasks were not delivered to the bench), and the
     * remarks (warnings, error samples) the numbers alone would hide.
     */
    record ScenarioRun(ScenarioStats stats, DeliveryStats delivery, List<String> notes) {

        ScenarioRun(ScenarioStats stats, List<String> notes) {
            this(stats, null, notes);
        }

        boolean passed() {
            return stats.passed() && (delivery == null || delivery.passed());
        }
    }

    /** Shown in the receiver's rows for a scenario whose tasks were not delivered to the bench. */
    private static final String NOT_DELIVERED = "-";

    static String render(List<ScenarioRun> runs) {
        List<ScenarioStats> stats = runs.stream().map(ScenarioRun::stats).toList();
        ReportTable table = new ReportTable(
                "", stats.stream().map(s -> s.scenario().label()).toList());
        table.row("tasks requested", column(stats, s -> Integer.toString(s.requested())))
                .row("first due (UTC)", column(stats, s -> IsoTime.timeOfDay(s.firstDue())))
                .row("last due (UTC)", column(stats, s -> IsoTime.timeOfDay(s.lastDue())))
                .row("created", column(stats, s -> Integer.toString(s.created())))
                .row(
                        "creation time (ms)",
                        column(stats, s -> Long.toString(s.creationTime().toMillis())))
                .row(
                        "creation done before due (ms)",
                        column(stats, s -> Long.toString(s.creationMargin().toMillis())))
                .row("creates per second", column(stats, s -> decimal(s.createsPerSecond())))
                .row("POST /tasks p50 (ms)", column(stats, s -> millis(s.postMillis(), 50)))
                .row("POST /tasks p99 (ms)", column(stats, s -> millis(s.postMillis(), 99)))
                .row("completed", column(stats, s -> Integer.toString(s.completed())))
                .row("lateness p50 (ms)", column(stats, s -> wholeMillis(s.latenessMillis(), 50)))
                .row("lateness p95 (ms)", column(stats, s -> wholeMillis(s.latenessMillis(), 95)))
                .row("lateness p99 (ms)", column(stats, s -> wholeMillis(s.latenessMillis(), 99)))
                .row("lateness max (ms)", column(stats, s -> wholeMillis(s.latenessMillis(), 100)))
                .row("early (must be 0)", column(stats, s -> Integer.toString(s.early())))
                .row("never ran", column(stats, s -> Integer.toString(s.neverRan())))
                .row("FAILED", column(stats, s -> Integer.toString(s.failed())))
                .row("not created", column(stats, s -> Integer.toString(s.notCreated())))
                .row("fired per second", column(stats, s -> decimal(s.firedPerSecond())));
        if (runs.stream().anyMatch(run -> run.delivery() != null)) {
            table.row("arrived at the receiver", delivered(runs, d -> Integer.toString(d.arrived())))
                    .row("arrival lateness p50 (ms)", delivered(runs, d -> wholeMillis(d.latenessMillis(), 50)))
                    .row("arrival lateness p99 (ms)", delivered(runs, d -> wholeMillis(d.latenessMillis(), 99)))
                    .row("arrival lateness max (ms)", delivered(runs, d -> wholeMillis(d.latenessMillis(), 100)))
                    .row("arrived early (must be 0)", delivered(runs, d -> Integer.toString(d.early())))
                    .row("missing (must be 0)", delivered(runs, d -> Integer.toString(d.missing())))
                    .row("duplicates", delivered(runs, d -> Integer.toString(d.duplicates())));
        }
        table.row(
                "result",
                runs.stream().map(run -> run.passed() ? "PASS" : "FAIL").toList());
        StringBuilder text = new StringBuilder(table.render());
        for (ScenarioRun run : runs) {
            for (String note : run.notes()) {
                text.append("note: ")
                        .append(run.stats().scenario().label())
                        .append(": ")
                        .append(note)
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> column(List<ScenarioStats> stats, Function<ScenarioStats, String> cell) {
        return stats.stream().map(cell).toList();
    }

    private static List<String> delivered(List<ScenarioRun> runs, Function<DeliveryStats, String> cell) {
        return runs.stream()
                .map(run -> run.delivery() == null ? NOT_DELIVERED : cell.apply(run.delivery()))
                .toList();
    }

    private static String millis(Percentiles percentiles, double p) {
        return percentiles.isEmpty() ? "n/a" : decimal(percentiles.at(p));
    }

    private static String wholeMillis(Percentiles percentiles, double p) {
        return percentiles.isEmpty() ? "n/a" : Long.toString(Math.round(percentiles.at(p)));
    }

    private static String decimal(OptionalDouble value) {
        return value.isPresent() ? decimal(value.getAsDouble()) : "n/a";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
