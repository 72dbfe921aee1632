package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.DispatchQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DispatchQueue} must do. Each adapter's test extends this with a fresh, empty queue, a way to make
 * the sending of chosen tasks fail, and a way to read what arrived on the queue as its consumer reads it.
 *
 * <p>The promises: every task sent and not returned as failed arrives, as its id; the ids returned are only ever ids
 * of tasks whose sending failed; any number of tasks may be sent in one call (SQS takes 10 per request); nothing sent
 * is nothing delivered; a task listed twice is not an error.
 */
public abstract class DispatchQueueContract {

    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private DispatchQueue queue;

    /** A new queue on which nothing has arrived. */
    protected abstract DispatchQueue newEmptyQueue();

    /** From now on, sending any of these tasks fails, as a send refused by the queue's service does. */
    protected abstract void refuse(Set<UUID> taskIds);

    /**
     * The task ids that arrived on the queue, one per message, as the consumer reads them from the message. Where
     * delivery is asynchronous, waits (bounded) until {@code expected} messages arrived and then a little longer, so
     * that messages beyond those expected are seen too.
     */
    protected abstract List<UUID> arrived(int expected);

    @BeforeEach
    void freshQueue() {
        queue = newEmptyQueue();
    }

    @Test
    void everyTaskSentArrivesOnceAsItsId() {
        List<Task> tasks = tasks(3);

        List<UUID> failed = queue.send(tasks);

        assertThat(failed).isEmpty();
        assertThat(arrived(3)).containsExactlyInAnyOrderElementsOf(ids(tasks));
    }

    @Test
    void aBatchLargerThanOneRequestOfTheServiceArrivesWhole() {
        List<Task> tasks = tasks(25);

        List<UUID> failed = queue.send(tasks);

        assertThat(failed).isEmpty();
        assertThat(arrived(25)).containsExactlyInAnyOrderElementsOf(ids(tasks));
    }

    @Test
    void sendingNothingSendsNothingAndFailsNothing() {
        assertThat(queue.send(List.of())).isEmpty();

        assertThat(arrived(0)).isEmpty();
    }

    @Test
    void theTasksThatCouldNotBeSentAreReturnedAndOnlyThoseAndTheOthersArrive() {
        List<Task> tasks = tasks(23);
        // One at each end of the first request of ten, one in the middle of the third.
        Set<UUID> refused =
                Set.of(tasks.get(0).id(), tasks.get(9).id(), tasks.get(21).id());
        refuse(refused);

        List<UUID> failed = queue.send(tasks);

        assertThat(failed).containsExactlyInAnyOrderElementsOf(refused);
        List<UUID> others =
                ids(tasks).stream().filter(id -> !refused.contains(id)).toList();
        assertThat(arrived(others.size())).containsAll(others).doesNotHaveDuplicates();
    }

    @Test
    void whenEveryTaskIsRefusedEveryTaskIsReturned() {
        List<Task> tasks = tasks(12);
        refuse(Set.copyOf(ids(tasks)));

        assertThat(queue.send(tasks)).containsExactlyInAnyOrderElementsOf(ids(tasks));
    }

    @Test
    void aTaskListedTwiceIsNotAFailureAndArrives() {
        Task task = tasks(1).getFirst();

        List<UUID> failed = queue.send(List.of(task, task));

        assertThat(failed).isEmpty();
        // Sending the same task twice is harmless (the consumer starts each workflow once): once or twice is fine.
        assertThat(arrived(1)).isNotEmpty().containsOnly(task.id());
    }

    @Test
    void aTaskIsSentHoweverFarAheadItIsDueAndWithOrWithoutPayload() {
        Task soon = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, NOW.plusMillis(1), NOW.getEpochSecond(), NOW, null, null);
        Task farWithPayload = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plus(Duration.ofDays(365)),
                NOW.plus(Duration.ofDays(365)).getEpochSecond() - 120,
                NOW,
                "{\"orderId\":42,\"note\":\"ü \\\"quoted\\\"\"}",
                "fingerprint");

        assertThat(queue.send(List.of(soon, farWithPayload))).isEmpty();

        assertThat(arrived(2)).containsExactlyInAnyOrder(soon.id(), farWithPayload.id());
    }

    protected static List<Task> tasks(int count) {
        return IntStream.range(0, count)
                .mapToObj(index -> {
                    Instant due = NOW.plus(Duration.ofSeconds(60 + index)).plusMillis(index);
                    return Task.scheduled(
                            UUID.randomUUID(), TenantId.DEFAULT, due, due.getEpochSecond() - 120, NOW, null, null);
                })
                .toList();
    }

    protected static List<UUID> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
