package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChaosFiguresTest {

    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00.000Z");
    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    private static final Crash KILL = new Crash(Crash.Kind.RUNTIME_KILLED, 1, T0.plusSeconds(20), T0.plusSeconds(30));

    private final Map<UUID, Task> lastSeen = new HashMap<>();
    private final Map<UUID, List<WebhookReceiver.Arrival>> deliveries = new HashMap<>();

    @Test
    void countsLostEarlyAndStuckTasksAndMeasuresLatenessOutsideTheOutageOnly() {
        CreatedTask onTime = task("on time", 0, TaskStatus.COMPLETED, 50);
        CreatedTask inOutage = task("in the outage", 25, TaskStatus.COMPLETED, 30);
        CreatedTask lost = task("lost", 40, TaskStatus.FAILED, 60);
        CreatedTask early = task("early", 50, TaskStatus.COMPLETED, 1);
        CreatedTask stuck = task("stuck", 60, TaskStatus.COMPLETED, 121);
        CreatedTask neverFinal = task("never final", 70, TaskStatus.IN_PROGRESS, 0);
        arrive(onTime, 0.2);
        arrive(inOutage, 9);
        arrive(early, -0.001);
        arrive(stuck, 121);
        arrive(neverFinal, 0.5);

        ChaosFigures figures = ChaosFigures.of(
                7,
                List.of(onTime, inOutage, lost, early, stuck, neverFinal),
                lastSeen,
                id -> deliveries.getOrDefault(id, List.of()),
                List.of(KILL),
                List.of(),
                STUCK_AFTER);

        assertThat(figures.created()).isEqualTo(6);
        assertThat(figures.delivered()).isEqualTo(5);
        assertThat(figures.lost()).isEqualTo(1);
        assertThat(figures.early()).isEqualTo(1);
        assertThat(figures.stuck()).as("final after 121 s, and never final").isEqualTo(2);
        assertThat(figures.completed()).isEqualTo(4);
        assertThat(figures.failed()).isEqualTo(1);
        assertThat(figures.dueOutsideOutage()).isEqualTo(5);
        assertThat(figures.latenessOutsideOutage().count()).isEqualTo(4);
        assertThat(figures.latenessOutsideOutage().max()).isEqualTo(121_000.0);
        assertThat(figures.latenessAll().count()).isEqualTo(5);
        assertThat(figures.passed(true)).isFalse();
    }

    @Test
    void passesWithRepeatsInTheWindowOnlyWhereRepeatsAreAllowed() {
        CreatedTask task = task("a", 18, TaskStatus.COMPLETED, 13);
        WebhookReceiver.Arrival first = arrive(task, 1.9);
        WebhookReceiver.Arrival second = arrive(task, 12.5);
        SecondDeliveries.Repeat inWindow = new SecondDeliveries.Repeat(task.id(), first, second, KILL, null);

        ChaosFigures figures = ChaosFigures.of(
                1,
                List.of(task),
                lastSeen,
                id -> deliveries.getOrDefault(id, List.of()),
                List.of(KILL),
                List.of(inWindow),
                STUCK_AFTER);

        assertThat(figures.repeatsByCrash(List.of(KILL))).containsExactly(Map.entry("kill 1", 1));
        assertThat(figures.repeatsOutsideWindow()).isZero();
        assertThat(figures.passed(true)).isTrue();
        assertThat(figures.passed(false)).as("two runtimes: no repeat at all").isFalse();
    }

    /** A task due {@code dueSeconds} after T0, last seen in {@code status}, updated {@code finalAfter} s after its time. */
    private CreatedTask task(String label, long dueSeconds, TaskStatus status, long finalAfter) {
        Instant due = T0.plusSeconds(dueSeconds);
        Task created = TestTasks.scheduled(label, due);
        Task last = new Task(
                created.id(),
                status,
                0,
                due,
                created.startExecutionAt(),
                due.plusSeconds(finalAfter),
                created.createdAt(),
                null,
                status == TaskStatus.COMPLETED ? due : null,
                1,
                null);
        lastSeen.put(created.id(), last);
        return new CreatedTask(created, Duration.ofMillis(1), due.minusSeconds(10));
    }

    private WebhookReceiver.Arrival arrive(CreatedTask task, double secondsLate) {
        WebhookReceiver.Arrival arrival =
                new WebhookReceiver.Arrival(task.timestamp().plusMillis((long) (secondsLate * 1000)), 1);
        deliveries.computeIfAbsent(task.id(), id -> new java.util.ArrayList<>()).add(arrival);
        return arrival;
    }
}
