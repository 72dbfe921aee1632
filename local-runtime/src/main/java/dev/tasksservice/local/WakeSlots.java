package dev.tasksservice.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Spreads the wakes of runs due at the same moment, so their claims reach the store at a rate it keeps up with: at most
 * {@code perSecond} runs wake in any one second; a run whose second is full wakes in the second before, and so on, at
 * most {@link #MAX_EARLIER} before its own wake time. A run woken early claims its attempt early (the executor then
 * waits for the task's time), so a task due in a crowd can be cancelled or changed only until its earlier wake.
 */
final class WakeSlots {

    /** How much earlier than its own wake time a run may wake. */
    static final Duration MAX_EARLIER = Duration.ofSeconds(10);

    private final int perSecond;
    private final Clock clock;
    /** Wakes taken per epoch second, from the current second on. */
    private final NavigableMap<Long, Integer> taken = new TreeMap<>();

    /** {@code perSecond}: 0 for no limit. */
    WakeSlots(int perSecond, Clock clock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative");
        }
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** The instant a run that would wake at {@code wake} wakes: then, or earlier when that second is full. */
    synchronized Instant take(Instant wake) {
        Instant now = clock.instant();
        taken.headMap(now.getEpochSecond(), false).clear();
        if (perSecond == 0 || !wake.isAfter(now)) {
            return wake;
        }
        Instant earliest = wake.minus(MAX_EARLIER);
        Instant slot = wake;
        while (taken.getOrDefault(slot.getEpochSecond(), 0) >= perSecond) {
            Instant earlier = slot.minusSeconds(1);
            if (earlier.isBefore(earliest) || !earlier.isAfter(now)) {
                // Every second up to the limit (or up to now) is full: the run joins the earliest one.
                break;
            }
            slot = earlier;
        }
        taken.merge(slot.getEpochSecond(), 1, Integer::sum);
        return slot;
    }

    /** Gives back the slot of a run stopped before it woke. */
    synchronized void release(Instant slot) {
        taken.computeIfPresent(slot.getEpochSecond(), (second, count) -> count > 1 ? count - 1 : null);
    }
}
