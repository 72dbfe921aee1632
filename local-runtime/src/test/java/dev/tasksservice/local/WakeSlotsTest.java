package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeSlotsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00.000Z");
    private static final Instant WAKE = NOW.plusSeconds(30).plusMillis(250);

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void runsWakeAtTheirOwnTimeUntilTheirSecondIsFullThenOneSecondEarlierAtATime() {
        WakeSlots slots = new WakeSlots(2, clock);

        List<Instant> wakes = take(slots, 5);

        assertThat(wakes).containsExactly(WAKE, WAKE, WAKE.minusSeconds(1), WAKE.minusSeconds(1), WAKE.minusSeconds(2));
    }

    @Test
    void noRunWakesMoreThanTenSecondsEarlyTheLastSecondTakesTheRest() {
        WakeSlots slots = new WakeSlots(1, clock);

        List<Instant> wakes = take(slots, 14);

        assertThat(wakes.subList(0, 11)).doesNotHaveDuplicates();
        assertThat(wakes).allSatisfy(wake -> assertThat(wake).isAfterOrEqualTo(WAKE.minus(WakeSlots.MAX_EARLIER)));
        assertThat(wakes.subList(11, 14)).containsOnly(WAKE.minus(WakeSlots.MAX_EARLIER));
    }

    @Test
    void noRunWakesInThePastAndOneDueAlreadyWakesAtOnce() {
        WakeSlots slots = new WakeSlots(1, clock);
        Instant soon = NOW.plusMillis(1500);

        assertThat(take(slots, soon, 3)).containsExactly(soon, soon.minusSeconds(1), soon.minusSeconds(1));
        assertThat(slots.take(NOW.minusSeconds(5))).isEqualTo(NOW.minusSeconds(5));
    }

    @Test
    void aSlotGivenBackIsTakenAgainAndPastSecondsAreForgotten() {
        WakeSlots slots = new WakeSlots(1, clock);
        Instant first = slots.take(WAKE);

        slots.release(first);

        assertThat(slots.take(WAKE)).isEqualTo(WAKE);
        clock.advance(Duration.ofSeconds(60));
        Instant later = clock.instant().plusSeconds(5);
        assertThat(slots.take(later)).isEqualTo(later);
    }

    @Test
    void withoutALimitEveryRunWakesAtItsOwnTime() {
        assertThat(take(new WakeSlots(0, clock), 1000)).containsOnly(WAKE);
    }

    private static List<Instant> take(WakeSlots slots, int count) {
        return take(slots, WAKE, count);
    }

    private static List<Instant> take(WakeSlots slots, Instant wake, int count) {
        List<Instant> wakes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            wakes.add(slots.take(wake));
        }
        return wakes;
    }
}
