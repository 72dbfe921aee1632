package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.port.out.TaskStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TaskStore} must do. Each adapter's test extends this with a fresh, empty store. */
public abstract class TaskStoreContract {

    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private TaskStore store;

    /** A new store holding no task. */
    protected abstract TaskStore newEmptyStore();

    @BeforeEach
    void freshStore() {
        store = newEmptyStore();
    }

    @Test
    void aCreatedTaskIsFoundWithEveryField() {
        Task task = new Task(
                UUID.randomUUID(),
                Instant.parse("2030-01-01T00:05:00.123Z"),
                Instant.parse("2030-01-01T00:03:00.123Z").getEpochSecond(),
                TaskStatus.SCHEDULED,
                NOW,
                NOW,
                "{\"to\":\"ops@example.com\",\"n\":[1,2.5,null,\"ü\"]}",
                "fingerprint-1",
                null,
                0,
                null,
                new HttpTarget(
                        URI.create("https://hooks.example.com/due?x=1"),
                        "PUT",
                        Map.of("X-Order", "42"),
                        Duration.ofMillis(2500)),
                new RetryPolicy(7, Duration.ofMillis(250), Duration.ofSeconds(90)),
                List.of(),
                null,
                0);

        store.create(task);

        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aTaskWithoutPayloadIsFoundWithoutPayload() {
        Task task = scheduledAt(NOW.plusSeconds(60));

        store.create(task);

        assertThat(store.find(task.id())).hasValueSatisfying(found -> {
            assertThat(found.payloadJson()).isEmpty();
            assertThat(found.requestFingerprint()).isNull();
        });
    }

    @Test
    void creatingAnExistingIdFailsAndKeepsTheFirstTask() {
        Task first = scheduledAt(NOW.plusSeconds(60));
        store.create(first);
        Task second = new Task(
                first.id(),
                NOW.plusSeconds(999),
                0,
                TaskStatus.SCHEDULED,
                NOW,
                NOW,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                0);

        assertThatThrownBy(() -> store.create(second)).isInstanceOf(TaskAlreadyExistsException.class);
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aMoveFromTheCurrentStatusIsApplied() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        Instant at = NOW.plusMillis(1500);

        Task moved = store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, at));

        assertThat(moved.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(moved.lastUpdatedAt()).isEqualTo(at);
        assertThat(moved.timestamp()).isEqualTo(task.timestamp());
        assertThat(store.find(task.id())).contains(moved);
    }

    @Test
    void aMoveFromAStatusTheTaskHasLeftIsAConflictNamingTheCurrentStatus() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));

        assertThatThrownBy(() ->
                        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW)))
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        conflict -> assertThat(conflict.current().status()).isEqualTo(TaskStatus.CANCELLED));
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aMoveOfAnUnknownTaskIsNotFound() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> store.move(new StatusChange(id, TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW)))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void ofTwoConcurrentConflictingMovesExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Task task = scheduledAt(NOW.plusSeconds(60));
                store.create(task);
                Callable<Boolean> cancel = moveReportingWin(task, TaskStatus.CANCELLED);
                Callable<Boolean> start = moveReportingWin(task, TaskStatus.IN_PROGRESS);

                List<Future<Boolean>> outcomes = threads.invokeAll(List.of(cancel, start));

                long wins = 0;
                for (Future<Boolean> outcome : outcomes) {
                    wins += outcome.get() ? 1 : 0;
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAttemptIsClaimedOnceAndOnlyWhileInProgress() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        assertThatThrownBy(() -> store.claimAttempt(task.id(), 1, 0, NOW))
                .as("a SCHEDULED task has no attempt to claim")
                .isInstanceOf(TaskStatusConflictException.class);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));

        Task claimed = store.claimAttempt(task.id(), 1, 0, NOW.plusSeconds(1));

        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(store.find(task.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThatThrownBy(() -> store.claimAttempt(task.id(), 1, 0, NOW))
                .isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.claimAttempt(task.id(), 2, 0, NOW).attempts()).isEqualTo(2);
        assertThatThrownBy(() -> store.claimAttempt(UUID.randomUUID(), 1, 0, NOW))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void ofTwoConcurrentClaimsOfOneAttemptExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Task task = scheduledAt(NOW.plusSeconds(60));
                store.create(task);
                store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
                Callable<Boolean> claim = () -> {
                    try {
                        store.claimAttempt(task.id(), 1, 0, NOW);
                        return true;
                    } catch (TaskStatusConflictException lost) {
                        return false;
                    }
                };

                long wins = 0;
                for (Future<Boolean> outcome : threads.invokeAll(List.of(claim, claim))) {
                    wins += outcome.get() ? 1 : 0;
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aTaskInProgressIsCancelledOnlyUntilAnAttemptIsClaimed() {
        Task waiting = scheduledAt(NOW.plusSeconds(60));
        Task running = scheduledAt(NOW.plusSeconds(60));
        for (Task task : List.of(waiting, running)) {
            store.create(task);
            store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        }
        store.claimAttempt(running.id(), 1, 0, NOW);

        Task cancelled = store.move(new StatusChange(waiting.id(), TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED, NOW));

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() ->
                        store.move(new StatusChange(running.id(), TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED, NOW)))
                .isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.find(running.id()).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void completingRecordsWhenTheTaskRanAndFailingRecordsWhy() {
        Task done = scheduledAt(NOW.plusSeconds(60));
        Task broken = scheduledAt(NOW.plusSeconds(60));
        for (Task task : List.of(done, broken)) {
            store.create(task);
            store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
            store.claimAttempt(task.id(), 1, 0, NOW);
        }
        Instant ran = NOW.plusSeconds(60).plusMillis(3);

        Task completed = store.move(StatusChange.completed(done.id(), 1, ran.plusMillis(2), ran));
        Task failed = store.move(StatusChange.failed(broken.id(), ran, "IllegalStateException: no route"));

        assertThat(store.find(done.id())).contains(completed);
        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.executedAt()).isEqualTo(ran);
        assertThat(completed.attempts()).isEqualTo(1);
        assertThat(store.find(broken.id())).contains(failed);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: no route");
        assertThat(failed.executedAt()).isNull();
    }

    @Test
    void dueTasksAreTheScheduledOnesWhoseStartIsAtOrBeforeTheInstant() {
        Task dueEarlier = scheduledWithStart(NOW.getEpochSecond() - 30);
        Task dueNow = scheduledWithStart(NOW.getEpochSecond());
        Task notYet = scheduledWithStart(NOW.getEpochSecond() + 1);
        Task cancelled = scheduledWithStart(NOW.getEpochSecond() - 10);
        for (Task task : List.of(dueEarlier, dueNow, notYet, cancelled)) {
            store.create(task);
        }
        store.move(new StatusChange(cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));

        List<Task> due = store.findDue(NOW, 10, null).items();

        assertThat(due).extracting(Task::id).containsExactlyInAnyOrder(dueEarlier.id(), dueNow.id());
    }

    @Test
    void aCompletionAppliesOnlyToTheAttemptStillClaimed() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        store.claimAttempt(task.id(), 1, 0, NOW);
        store.claimAttempt(task.id(), 2, 0, NOW);

        assertThatThrownBy(() -> store.move(StatusChange.completed(task.id(), 1, NOW, NOW)))
                .as("attempt 1 was overtaken by attempt 2")
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        conflict -> assertThat(conflict.current().attempts()).isEqualTo(2));
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);

        Task completed = store.move(StatusChange.completed(task.id(), 2, NOW.plusSeconds(1), NOW));
        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.attempts()).isEqualTo(2);
    }

    @Test
    void aFailureForAGivenNumberOfAttemptsAppliesOnlyWhileNoneMoreWasClaimed() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        store.claimAttempt(task.id(), 1, 0, NOW);

        assertThatThrownBy(() -> store.move(StatusChange.failed(task.id(), 0, NOW, "stuck")))
                .isInstanceOf(TaskStatusConflictException.class);
        Task failed = store.move(StatusChange.failed(task.id(), 1, NOW, "stuck"));

        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("stuck");
    }

    @Test
    void dueTasksAreWalkedByCursorEvenThoughTheyStayScheduledOrLeaveMeanwhile() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Task task = scheduledWithStart(NOW.getEpochSecond() - i);
            store.create(task);
            created.add(task.id());
        }

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TaskPage page = store.findDue(NOW, 2, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(task -> seen.add(task.id()));
            if (pages % 2 == 1) {
                // Like a consumer marking dispatched tasks while the poller is still paging.
                for (Task task : page.items()) {
                    store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
                }
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void dueTasksCanBeFoundInAnyStatus() {
        Task overdue = scheduledWithStart(NOW.getEpochSecond() - 600);
        Task recent = scheduledWithStart(NOW.getEpochSecond() + 5);
        Task stillScheduled = scheduledWithStart(NOW.getEpochSecond() - 600);
        for (Task task : List.of(overdue, recent, stillScheduled)) {
            store.create(task);
        }
        for (Task task : List.of(overdue, recent)) {
            store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        }

        TaskPage page = store.findDue(TaskStatus.IN_PROGRESS, NOW, 10, null);

        assertThat(page.items()).extracting(Task::id).containsExactly(overdue.id());
    }

    @Test
    void aDueCursorNotMadeByTheStoreIsRejected() {
        assertThatThrownBy(() -> store.findDue(NOW, 10, "not-a-cursor")).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void dueTasksAreAllWalkedWhenAPageIsCutAtTheStoresSizeLimit() {
        // About 1.4 MB of items: more than one DynamoDB query page (1 MB).
        String payload = "{\"filler\":\"" + "x".repeat(9_000) + "\"}";
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Task task = new Task(
                    UUID.randomUUID(),
                    NOW.plusSeconds(120),
                    NOW.getEpochSecond() - i,
                    TaskStatus.SCHEDULED,
                    NOW,
                    NOW,
                    payload,
                    null,
                    null,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0);
            store.create(task);
            created.add(task.id());
        }

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            // More than fit in 1 MB: DynamoDB ends the page at its size limit and gives its position as the cursor.
            TaskPage page = store.findDue(NOW, 150, cursor);
            page.items().forEach(task -> seen.add(task.id()));
            cursor = page.nextCursor();
        } while (cursor != null && seen.size() <= created.size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void listingByStatusWalksEveryTaskOnceInStartOrder() {
        List<Task> scheduled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task task = scheduledWithStart(NOW.getEpochSecond() + 100 - i);
            store.create(task);
            scheduled.add(task);
        }
        Task cancelled = scheduledWithStart(NOW.getEpochSecond());
        store.create(cancelled);
        store.move(new StatusChange(cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));

        List<Task> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TaskPage page = store.listByStatus(TaskStatus.SCHEDULED, 2, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen)
                .extracting(Task::id)
                .containsExactlyElementsOf(
                        scheduled.reversed().stream().map(Task::id).toList());
        assertThat(store.listByStatus(TaskStatus.CANCELLED, 10, null).items())
                .extracting(Task::id)
                .containsExactly(cancelled.id());
    }

    @Test
    void listingAnEmptyStatusGivesAnEmptyLastPage() {
        TaskPage page = store.listByStatus(TaskStatus.FAILED, 10, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aCursorNotMadeByTheStoreIsRejected() {
        assertThatThrownBy(() -> store.listByStatus(TaskStatus.SCHEDULED, 10, "not-a-cursor"))
                .isInstanceOf(InvalidCursorException.class);
    }

    private Callable<Boolean> moveReportingWin(Task task, TaskStatus to) {
        return () -> {
            try {
                store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, to, NOW));
                return true;
            } catch (TaskStatusConflictException lost) {
                return false;
            }
        };
    }

    private static Task scheduledAt(Instant timestamp) {
        return Task.scheduled(
                UUID.randomUUID(), timestamp, timestamp.minusSeconds(120).getEpochSecond(), NOW, null, null);
    }

    private static Task scheduledWithStart(long startExecutionAt) {
        return Task.scheduled(UUID.randomUUID(), NOW.plusSeconds(3600), startExecutionAt, NOW, null, null);
    }
}
