package dev.tasksservice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** When the crashes of a run are to happen: moments drawn from a seeded Random, so a run can be repeated. */
final class CrashPlan {

    private CrashPlan() {}

    /** One crash to cause, at {@code at}. */
    record Planned(Crash.Kind kind, int number, Instant at) {}

    /**
     * {@code kills} kills and, when {@code dynalite}, one dynalite restart, each at a moment drawn uniformly from
     * {@code from} to {@code to}; in time order, the kills numbered in that order.
     */
    static List<Planned> draw(Random random, int kills, boolean dynalite, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        long span = Duration.between(from, to).toMillis();
        List<Planned> drawn = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            drawn.add(new Planned(Crash.Kind.RUNTIME_KILLED, 0, moment(random, from, span)));
        }
        if (dynalite) {
            drawn.add(new Planned(Crash.Kind.DYNALITE_RESTARTED, 0, moment(random, from, span)));
        }
        drawn.sort(Comparator.comparing(Planned::at));
        List<Planned> numbered = new ArrayList<>();
        int kill = 0;
        for (Planned crash : drawn) {
            numbered.add(
                    crash.kind() == Crash.Kind.RUNTIME_KILLED ? new Planned(crash.kind(), ++kill, crash.at()) : crash);
        }
        return List.copyOf(numbered);
    }

    private static Instant moment(Random random, Instant from, long spanMillis) {
        return from.plusMillis(spanMillis == 0 ? 0 : random.nextLong(spanMillis + 1));
    }
}
