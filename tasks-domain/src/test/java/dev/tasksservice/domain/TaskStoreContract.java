package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.Attempt;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.AttemptRecord;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.Retention;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskAlreadyExistsException;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.RemoveExpiredTasks;
import dev.tasksservice.domain.port.out.TaskStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TaskStore} must do. Each adapter's test extends this with a fresh, empty store. */
public abstract class TaskStoreContract {

    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** How long the stores under test keep finished tasks: not the default, so a store must use what it is given. */
    protected static final Retention RETENTION = new Retention(Duration.ofDays(7));

    private TaskStore store;

    /** A new store holding no task, keeping finished tasks for {@link #RETENTION}; it also removes expired ones. */
    protected abstract TaskStore newEmptyStore();

    @BeforeEach
    void freshStore() {
        store = newEmptyStore();
    }

    @Test
    void aCreatedTaskIsFoundWithEveryField() {
        Task task = new Task(
                UUID.randomUUID(),
                new TenantId("acme-corp.eu_1"),
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
    void aTaskWithHistoryNextAttemptAndVersionIsFoundWithEveryField() {
        Attempt first = new Attempt(
                1,
                Instant.parse("2030-01-01T00:05:00.125Z"),
                Duration.ofMillis(1234),
                AttemptOutcome.FAILED,
                503,
                "Service Unavailable",
                Instant.parse("2030-01-01T00:05:04.500Z"));
        Attempt second = new Attempt(
                2,
                Instant.parse("2030-01-01T00:05:04.501Z"),
                Duration.ZERO,
                AttemptOutcome.FAILED,
                null,
                "Connection refused",
                Instant.parse("2030-01-01T00:05:13.007Z"));
        Task task = new Task(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                Instant.parse("2030-01-01T00:05:00.123Z"),
                Instant.parse("2030-01-01T00:03:00.123Z").getEpochSecond(),
                TaskStatus.IN_PROGRESS,
                NOW.plusSeconds(313),
                NOW,
                "[1,{\"k\":\"v\"}]",
                null,
                null,
                2,
                "Connection refused",
                new HttpTarget(
                        URI.create("http://orders.internal.example:8080/hooks/due"),
                        "PATCH",
                        Map.of("Authorization", "Bearer abc.def", "X-Trace", "t-1", "x-lower", ""),
                        Duration.ofSeconds(60)),
                new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                List.of(first, second),
                Instant.parse("2030-01-01T00:05:13.007Z"),
                3);

        store.create(task);

        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aTaskWithAQueueTargetIsFoundWithIt() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plusSeconds(60),
                NOW.getEpochSecond(),
                NOW,
                "{}",
                null,
                new QueueTarget("https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo"),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO));

        store.create(task);

        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aTaskWithoutTargetIsFoundWithoutTargetWithTheDefaultRetryPolicyAndNoHistory() {
        Task task = scheduledAt(NOW.plusSeconds(60));

        store.create(task);

        assertThat(store.find(task.id())).hasValueSatisfying(found -> {
            assertThat(found.target()).isNull();
            assertThat(found.retry()).isEqualTo(RetryPolicy.DEFAULT);
            assertThat(found.history()).isEmpty();
            assertThat(found.nextAttemptAt()).isNull();
            assertThat(found.version()).isZero();
        });
    }

    @Test
    void creatingAnExistingIdFailsAndKeepsTheFirstTask() {
        Task first = scheduledAt(NOW.plusSeconds(60));
        store.create(first);
        Task second = new Task(
                first.id(),
                TenantId.DEFAULT,
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
    void anAttemptIsClaimedOnlyAtTheTasksVersion() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.reschedule(rescheduleOf(task, 0, NOW.plusSeconds(90)));
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));

        assertThatThrownBy(() -> store.claimAttempt(task.id(), 1, 0, NOW))
                .as("a run of the version before the change")
                .isInstanceOfSatisfying(TaskStatusConflictException.class, conflict -> {
                    assertThat(conflict.current().version()).isEqualTo(1);
                    assertThat(conflict.current().attempts()).isZero();
                });
        assertThatThrownBy(() -> store.claimAttempt(task.id(), 1, 2, NOW))
                .as("a version the task has not reached")
                .isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.find(task.id()).orElseThrow().attempts()).isZero();

        Task claimed = store.claimAttempt(task.id(), 1, 1, NOW.plusSeconds(1));

        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.version()).isEqualTo(1);
        assertThat(store.find(task.id())).contains(claimed);
    }

    @Test
    void aRecordOfAFailedAttemptKeepsTheTaskInProgressWithItsHistoryErrorAndNextAttempt() {
        Task task = claimed(1);
        Instant next = NOW.plusSeconds(65).plusMillis(1);
        Attempt failed = new Attempt(
                1, NOW.plusSeconds(60), Duration.ofMillis(250), AttemptOutcome.FAILED, 503, "HTTP 503", next);
        Instant at = NOW.plusSeconds(60).plusMillis(300);

        Task recorded = store.record(
                new AttemptRecord(task.id(), 1, TaskStatus.IN_PROGRESS, at, null, "HTTP 503", List.of(failed), next));

        assertThat(store.find(task.id())).contains(recorded);
        assertThat(recorded.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(recorded.attempts()).isEqualTo(1);
        assertThat(recorded.history()).containsExactly(failed);
        assertThat(recorded.lastError()).isEqualTo("HTTP 503");
        assertThat(recorded.nextAttemptAt()).isEqualTo(next);
        assertThat(recorded.nextRunAt()).isEqualTo(next);
        assertThat(recorded.lastUpdatedAt()).isEqualTo(at);
        assertThat(recorded.executedAt()).isNull();
        assertThat(recorded.timestamp()).isEqualTo(task.timestamp());
    }

    @Test
    void aRecordOfASuccessCompletesTheTaskAndClearsTheErrorAndTheNextAttempt() {
        Task task = claimed(1);
        Attempt failed = new Attempt(
                1, NOW.plusSeconds(60), Duration.ofMillis(250), AttemptOutcome.FAILED, null, "timed out", NOW);
        store.record(new AttemptRecord(
                task.id(), 1, TaskStatus.IN_PROGRESS, NOW, null, "timed out", List.of(failed), NOW.plusSeconds(61)));
        store.claimAttempt(task.id(), 2, 0, NOW.plusSeconds(61));
        Instant ran = NOW.plusSeconds(61).plusMillis(7);
        Attempt succeeded = new Attempt(2, ran, Duration.ofMillis(31), AttemptOutcome.SUCCEEDED, 204, null, null);

        Task completed = store.record(new AttemptRecord(
                task.id(), 2, TaskStatus.COMPLETED, ran.plusMillis(40), ran, null, List.of(failed, succeeded), null));

        assertThat(store.find(task.id())).contains(completed);
        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.executedAt()).isEqualTo(ran);
        assertThat(completed.lastError()).isNull();
        assertThat(completed.nextAttemptAt()).isNull();
        assertThat(completed.history()).containsExactly(failed, succeeded);
        assertThat(completed.attempts()).isEqualTo(2);
        assertThat(completed.lastUpdatedAt()).isEqualTo(ran.plusMillis(40));
    }

    @Test
    void aRecordOfAFinalFailureFailsTheTaskSayingWhy() {
        Task task = claimed(1);
        Attempt refused = new Attempt(
                1, NOW.plusSeconds(60), Duration.ofMillis(12), AttemptOutcome.REFUSED, 404, "HTTP 404", null);

        Task failed = store.record(new AttemptRecord(
                task.id(), 1, TaskStatus.FAILED, NOW.plusSeconds(61), null, "HTTP 404", List.of(refused), null));

        assertThat(store.find(task.id())).contains(failed);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("HTTP 404");
        assertThat(failed.history()).containsExactly(refused);
        assertThat(failed.executedAt()).isNull();
    }

    @Test
    void aRecordAppliesOnlyWhileTheTaskIsInProgressAtItsAttempt() {
        Task overtaken = claimed(1);
        store.claimAttempt(overtaken.id(), 2, 0, NOW);
        Task before = store.find(overtaken.id()).orElseThrow();

        assertThatThrownBy(() -> store.record(succeeded(overtaken, 1)))
                .as("attempt 1 was overtaken by attempt 2")
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        conflict -> assertThat(conflict.current()).isEqualTo(before));
        assertThat(store.find(overtaken.id())).contains(before);

        store.record(succeeded(overtaken, 2));
        assertThatThrownBy(() -> store.record(succeeded(overtaken, 2)))
                .as("attempt 2 was recorded already")
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        conflict -> assertThat(conflict.current().status()).isEqualTo(TaskStatus.COMPLETED));

        Task markedFailed = claimed(1);
        store.move(StatusChange.failed(markedFailed.id(), 1, NOW, "stuck"));
        assertThatThrownBy(() -> store.record(succeeded(markedFailed, 1)))
                .as("the task was marked FAILED at that attempt")
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        conflict -> assertThat(conflict.current().status()).isEqualTo(TaskStatus.FAILED));
        assertThat(store.find(markedFailed.id()).orElseThrow().history()).isEmpty();

        Task unknown = scheduledAt(NOW.plusSeconds(60));
        assertThatThrownBy(() -> store.record(succeeded(unknown, 1))).isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aFullHistoryWithTheLongestErrorsFitsBesideTheLargestPayloadAndTarget() {
        String error = "e".repeat(Attempt.MAX_ERROR_BYTES);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < HttpTarget.MAX_HEADERS; i++) {
            headers.put("X-Header-" + i, "v".repeat(HttpTarget.MAX_HEADER_VALUE_LENGTH));
        }
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plusSeconds(60),
                NOW.getEpochSecond(),
                NOW,
                "\"" + "p".repeat(Payload.MAX_BYTES - 2) + "\"",
                "fingerprint",
                new HttpTarget(
                        URI.create("https://hooks.example.com/" + "u".repeat(HttpTarget.MAX_URL_LENGTH - 30)),
                        "POST",
                        headers,
                        HttpTarget.DEFAULT_TIMEOUT),
                new RetryPolicy(Task.MAX_HISTORY, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        store.claimAttempt(task.id(), Task.MAX_HISTORY, 0, NOW);
        List<Attempt> history = new ArrayList<>();
        for (int number = 1; number <= Task.MAX_HISTORY; number++) {
            Instant started = NOW.plusSeconds(60 + 2L * number);
            boolean last = number == Task.MAX_HISTORY;
            history.add(new Attempt(
                    number,
                    started,
                    Duration.ofSeconds(10),
                    AttemptOutcome.FAILED,
                    500 + number,
                    error,
                    last ? null : started.plusSeconds(1)));
        }

        Task failed = store.record(new AttemptRecord(
                task.id(), Task.MAX_HISTORY, TaskStatus.FAILED, NOW.plusSeconds(200), null, error, history, null));

        assertThat(failed.history()).isEqualTo(history);
        assertThat(store.find(task.id())).contains(failed);
    }

    @Test
    void aRescheduleOfAScheduledTaskSetsWhatItCarriesAndMovesTheTaskOneVersionOn() {
        Task task = new Task(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plusSeconds(3600),
                NOW.plusSeconds(3480).getEpochSecond(),
                TaskStatus.SCHEDULED,
                NOW,
                NOW,
                "{\"a\":1}",
                "fingerprint-1",
                null,
                0,
                null,
                HttpTarget.post(URI.create("https://hooks.example.com/old")),
                RetryPolicy.DEFAULT,
                List.of(),
                NOW.plusSeconds(3600),
                0);
        store.create(task);
        Instant due = NOW.plusSeconds(7200).plusMillis(5);
        QueueTarget queue = new QueueTarget("https://sqs.us-east-1.amazonaws.com/123456789012/due");
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(2));
        Instant at = NOW.plusSeconds(1);

        Task changed = store.reschedule(
                new Reschedule(task.id(), 0, due, due.getEpochSecond() - 120, "{\"b\":[2]}", queue, retry, at));

        assertThat(store.find(task.id())).contains(changed);
        assertThat(changed.timestamp()).isEqualTo(due);
        assertThat(changed.startExecutionAt()).isEqualTo(due.getEpochSecond() - 120);
        assertThat(changed.payload()).isEqualTo("{\"b\":[2]}");
        assertThat(changed.target()).isEqualTo(queue);
        assertThat(changed.retry()).isEqualTo(retry);
        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(changed.nextAttemptAt()).isNull();
        assertThat(changed.version()).isEqualTo(1);
        assertThat(changed.lastUpdatedAt()).isEqualTo(at);
        assertThat(changed.createdAt()).isEqualTo(NOW);
        assertThat(changed.requestFingerprint()).isEqualTo("fingerprint-1");
        assertThat(changed.attempts()).isZero();
    }

    @Test
    void aRescheduleWithoutPayloadOrTargetRemovesThem() {
        Task task = Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                NOW.plusSeconds(60),
                NOW.getEpochSecond(),
                NOW,
                "{\"a\":1}",
                null,
                HttpTarget.post(URI.create("https://hooks.example.com/old")),
                RetryPolicy.DEFAULT);
        store.create(task);

        Task changed = store.reschedule(new Reschedule(
                task.id(), 0, NOW.plusSeconds(90), NOW.getEpochSecond(), null, null, RetryPolicy.DEFAULT, NOW));

        assertThat(store.find(task.id())).contains(changed);
        assertThat(changed.payload()).isNull();
        assertThat(changed.target()).isNull();
    }

    @Test
    void aTaskInProgressWithoutAClaimedAttemptIsRescheduledAndFoundUnderItsNewStartAndStatus() {
        Task task = scheduledWithStart(NOW.getEpochSecond() - 60);
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        Instant due = NOW.plusSeconds(720);
        long start = NOW.getEpochSecond() + 600;

        Task changed = store.reschedule(
                new Reschedule(task.id(), 0, due, start, null, null, RetryPolicy.DEFAULT, NOW.plusSeconds(1)));

        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(changed.version()).isEqualTo(1);
        assertThat(store.findDue(TaskStatus.IN_PROGRESS, NOW, 10, null).items())
                .extracting(Task::id)
                .doesNotContain(task.id());
        assertThat(store.findDue(NOW, 10, null).items()).extracting(Task::id).doesNotContain(task.id());
        assertThat(store.findDue(Instant.ofEpochSecond(start), 10, null).items())
                .containsExactly(changed);
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, null)
                        .items())
                .containsExactly(changed);
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.IN_PROGRESS, 10, null)
                        .items())
                .isEmpty();
    }

    @Test
    void aStartOfTheWorkflowAppliesOnlyAtTheVersionItWasStartedFor() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        Instant due = NOW.plusSeconds(300);
        store.reschedule(new Reschedule(task.id(), 0, due, due.getEpochSecond() - 120, null, null, task.retry(), NOW));

        assertThatThrownBy(() -> store.move(StatusChange.started(task.id(), 0, NOW)))
                .isInstanceOf(TaskStatusConflictException.class)
                .hasMessageContaining("version 1");
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(store.move(StatusChange.started(task.id(), 1, NOW)).status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aRescheduleAppliesOnlyAtTheExpectedVersion() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.reschedule(rescheduleOf(task, 0, NOW.plusSeconds(70)));

        assertThatThrownBy(() -> store.reschedule(rescheduleOf(task, 0, NOW.plusSeconds(80))))
                .isInstanceOfSatisfying(TaskStatusConflictException.class, conflict -> {
                    assertThat(conflict.current().version()).isEqualTo(1);
                    assertThat(conflict.current().timestamp()).isEqualTo(NOW.plusSeconds(70));
                });
        assertThatThrownBy(() -> store.reschedule(rescheduleOf(task, 2, NOW.plusSeconds(80))))
                .isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.find(task.id()).orElseThrow().timestamp()).isEqualTo(NOW.plusSeconds(70));

        Task again = store.reschedule(rescheduleOf(task, 1, NOW.plusSeconds(90)));

        assertThat(again.version()).isEqualTo(2);
        assertThat(again.timestamp()).isEqualTo(NOW.plusSeconds(90));
        assertThat(store.find(task.id())).contains(again);
    }

    @Test
    void aTaskThatHasBegunToRunOrEndedIsNotRescheduled() {
        Task running = claimed(1);
        Task cancelled = scheduledAt(NOW.plusSeconds(60));
        store.create(cancelled);
        store.move(new StatusChange(cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));
        Task completed = claimed(1);
        store.record(succeeded(completed, 1));

        for (Task task : List.of(running, cancelled, completed)) {
            Task before = store.find(task.id()).orElseThrow();

            assertThatThrownBy(() -> store.reschedule(rescheduleOf(task, 0, NOW.plusSeconds(600))))
                    .as("a %s task after %d attempt(s)", before.status(), before.attempts())
                    .isInstanceOfSatisfying(
                            TaskStatusConflictException.class,
                            conflict -> assertThat(conflict.current()).isEqualTo(before));
            assertThat(store.find(task.id())).contains(before);
        }
    }

    @Test
    void aRescheduleOfAnUnknownTaskIsNotFound() {
        Task unknown = scheduledAt(NOW.plusSeconds(60));

        assertThatThrownBy(() -> store.reschedule(rescheduleOf(unknown, 0, NOW.plusSeconds(90))))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void ofTwoConcurrentReschedulesFromOneVersionExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Task task = scheduledAt(NOW.plusSeconds(60));
                store.create(task);
                Instant earlier = NOW.plusSeconds(100);
                Instant later = NOW.plusSeconds(200);

                List<Future<Instant>> outcomes = threads.invokeAll(
                        List.of(rescheduleReportingWin(task, earlier), rescheduleReportingWin(task, later)),
                        30,
                        TimeUnit.SECONDS);

                List<Instant> winners = new ArrayList<>();
                for (Future<Instant> outcome : outcomes) {
                    if (outcome.get() != null) {
                        winners.add(outcome.get());
                    }
                }
                assertThat(winners).as("winners in round %d", round).hasSize(1);
                Task found = store.find(task.id()).orElseThrow();
                assertThat(found.timestamp()).isEqualTo(winners.getFirst());
                assertThat(found.version()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
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
                    TenantId.DEFAULT,
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
            TaskPage page = store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 2, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen)
                .extracting(Task::id)
                .containsExactlyElementsOf(
                        scheduled.reversed().stream().map(Task::id).toList());
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.CANCELLED, 10, null)
                        .items())
                .extracting(Task::id)
                .containsExactly(cancelled.id());
    }

    @Test
    void aListingCursorKeptForLaterAlsoFindsTheTasksThatCameAfterItsPosition() {
        // As a client following tasks as they finish does: it keeps the cursor after the last page it read.
        Task first = scheduledWithStart(NOW.getEpochSecond() + 100);
        Task second = scheduledWithStart(NOW.getEpochSecond() + 200);
        store.create(first);
        store.create(second);
        String cursor = store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 1, null)
                .nextCursor();
        assertThat(cursor).isNotNull();
        List<Task> later = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Task task = scheduledWithStart(NOW.getEpochSecond() + 300);
            store.create(task);
            later.add(task);
        }

        List<Task> seen = new ArrayList<>();
        int pages = 0;
        do {
            TaskPage page = store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, cursor);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);

        List<UUID> expected = new ArrayList<>();
        expected.add(second.id());
        later.forEach(task -> expected.add(task.id()));
        assertThat(seen).extracting(Task::id).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void listingAnEmptyStatusGivesAnEmptyLastPage() {
        TaskPage page = store.listByStatus(TenantId.DEFAULT, TaskStatus.FAILED, 10, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aTaskKeepsItsTenantThroughEveryChange() {
        TenantId acme = new TenantId("acme");
        Task task = scheduledWithStart(acme, NOW.getEpochSecond() + 60);
        store.create(task);

        Task changed = store.reschedule(new Reschedule(
                task.id(), 0, NOW.plusSeconds(900), NOW.getEpochSecond(), "{}", null, RetryPolicy.DEFAULT, NOW));
        Task moved = store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        Task claimed = store.claimAttempt(task.id(), 1, 1, NOW);

        assertThat(List.of(changed, moved, claimed)).extracting(Task::tenant).containsOnly(acme);
        assertThat(store.find(task.id()).orElseThrow().tenant()).isEqualTo(acme);
        assertThat(store.find(acme, task.id())).map(Task::id).contains(task.id());
        assertThat(store.find(TenantId.DEFAULT, task.id())).isEmpty();
    }

    @Test
    void aListingShowsOnlyTheTenantsTasksInStartOrder() {
        TenantId acme = new TenantId("acme");
        TenantId globex = new TenantId("globex");
        List<UUID> acmes = new ArrayList<>();
        List<UUID> globexes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            TenantId tenant = i % 2 == 0 ? acme : globex;
            Task task = scheduledWithStart(tenant, NOW.getEpochSecond() + 100 - i);
            store.create(task);
            (tenant == acme ? acmes : globexes).add(0, task.id());
        }

        assertThat(walk(acme, 2)).containsExactlyElementsOf(acmes);
        assertThat(walk(globex, 2)).containsExactlyElementsOf(globexes);
        assertThat(walk(TenantId.DEFAULT, 2)).isEmpty();
        assertThat(store.listByStatus(globex, TaskStatus.SCHEDULED, 10, null).items())
                .extracting(Task::tenant)
                .containsOnly(globex);
    }

    @Test
    void pagesOfOneTenantReadPastRunsOfAnothersTasksWithoutSkippingOrRepeating() {
        TenantId acme = new TenantId("acme");
        TenantId globex = new TenantId("globex");
        List<UUID> acmes = new ArrayList<>();
        List<UUID> globexes = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            long start = NOW.getEpochSecond() + run * 100L;
            Task own = scheduledWithStart(acme, start);
            store.create(own);
            acmes.add(own.id());
            // Runs longer than a page: a read of page size + 1 entries may keep none of them.
            for (int i = 1; i <= 9; i++) {
                Task other = scheduledWithStart(globex, start + i);
                store.create(other);
                globexes.add(other.id());
            }
        }

        for (int limit = 1; limit <= 3; limit++) {
            assertThat(walk(acme, limit)).as("pages of %d", limit).containsExactlyElementsOf(acmes);
        }
        assertThat(walk(globex, 4)).containsExactlyElementsOf(globexes);
    }

    @Test
    void finishedTasksExpireOnceTheRetentionHasPassedSinceTheyFinished() {
        Instant finished = NOW.plusSeconds(90);
        Task cancelled = scheduledAt(NOW.plusSeconds(600));
        store.create(cancelled);
        store.move(new StatusChange(cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, finished));
        Task failed = claimed(1);
        store.move(StatusChange.failed(failed.id(), 1, finished, "gave up"));
        Task completed = claimed(1);
        Attempt done = new Attempt(1, NOW, Duration.ofMillis(5), AttemptOutcome.SUCCEEDED, 200, null, null);
        store.record(
                new AttemptRecord(completed.id(), 1, TaskStatus.COMPLETED, finished, NOW, null, List.of(done), null));
        Task waiting = scheduledAt(NOW.plusSeconds(60));
        store.create(waiting);
        Task running = claimed(1);
        Instant end = finished.plus(RETENTION.period());

        assertThat(expiredTasks().removeExpired(end.minusSeconds(1), 100))
                .as("a second before the end")
                .isZero();
        assertThat(List.of(cancelled, failed, completed))
                .allSatisfy(task -> assertThat(store.find(task.id())).isPresent());

        assertThat(expiredTasks().removeExpired(end, 100)).isEqualTo(3);
        assertThat(List.of(cancelled, failed, completed))
                .allSatisfy(task -> assertThat(store.find(task.id())).isEmpty());
        assertThat(expiredTasks().removeExpired(end.plus(Duration.ofDays(3650)), 100))
                .as("tasks that are not finished never expire")
                .isZero();
        assertThat(store.find(waiting.id())).isPresent();
        assertThat(store.find(running.id())).isPresent();
    }

    @Test
    void aTaskStoredAsFinishedExpiresFromItsLastChange() {
        Task task = scheduledAt(NOW.plusSeconds(60));
        Task cancelled = task.after(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));
        store.create(cancelled);

        assertThat(expiredTasks().removeExpired(NOW.plus(RETENTION.period()).minusSeconds(1), 100))
                .isZero();
        assertThat(expiredTasks().removeExpired(NOW.plus(RETENTION.period()), 100))
                .isEqualTo(1);
        assertThat(store.find(task.id())).isEmpty();
    }

    @Test
    void aRemovalRunLooksAtNoMoreThanItsBudgetAndTheNextGoesOn() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task task = scheduledAt(NOW.plusSeconds(60));
            store.create(task);
            store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));
            ids.add(task.id());
        }
        Instant later = NOW.plus(RETENTION.period()).plusSeconds(1);

        int removed = 0;
        for (int run = 0; run < 5 && removed < ids.size(); run++) {
            int now = expiredTasks().removeExpired(later, 2);
            assertThat(now).as("run %d", run).isLessThanOrEqualTo(2);
            removed += now;
        }

        assertThat(removed).isEqualTo(ids.size());
        assertThat(ids).allSatisfy(id -> assertThat(store.find(id)).isEmpty());
    }

    /** The store under test as the remover of expired tasks. */
    private RemoveExpiredTasks expiredTasks() {
        return (RemoveExpiredTasks) store;
    }

    /** Every task of {@code tenant} in SCHEDULED, page after page of at most {@code limit}, as a client reads them. */
    protected List<UUID> walk(TenantId tenant, int limit) {
        return walk(store, tenant, limit);
    }

    protected static List<UUID> walk(TaskStore store, TenantId tenant, int limit) {
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TaskPage page = store.listByStatus(tenant, TaskStatus.SCHEDULED, limit, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            assertThat(page.items())
                    .allSatisfy(task -> assertThat(task.tenant()).isEqualTo(tenant));
            page.items().forEach(task -> seen.add(task.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 200);
        assertThat(cursor).as("the walk ends").isNull();
        return seen;
    }

    @Test
    void aCursorNotMadeByTheStoreIsRejected() {
        assertThatThrownBy(() -> store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, "not-a-cursor"))
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

    /** Waits for a reschedule of {@code task} to {@code timestamp}; answers the timestamp if it won, null if it lost. */
    private Callable<Instant> rescheduleReportingWin(Task task, Instant timestamp) {
        return () -> {
            try {
                return store.reschedule(rescheduleOf(task, 0, timestamp)).timestamp();
            } catch (TaskStatusConflictException lost) {
                return null;
            }
        };
    }

    /** A task just created, marked IN_PROGRESS and with attempt {@code attempt} claimed at version 0. */
    private Task claimed(int attempt) {
        Task task = scheduledAt(NOW.plusSeconds(60));
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
        return store.claimAttempt(task.id(), attempt, 0, NOW);
    }

    /** Attempt {@code attempt} of {@code task} succeeded. */
    private static AttemptRecord succeeded(Task task, int attempt) {
        Instant ran = NOW.plusSeconds(60);
        Attempt done = new Attempt(attempt, ran, Duration.ofMillis(5), AttemptOutcome.SUCCEEDED, 200, null, null);
        return new AttemptRecord(
                task.id(), attempt, TaskStatus.COMPLETED, ran.plusMillis(5), ran, null, List.of(done), null);
    }

    /** A client's change of {@code task} at {@code version}: due at {@code timestamp}, all else as it was created. */
    private static Reschedule rescheduleOf(Task task, long version, Instant timestamp) {
        return new Reschedule(
                task.id(),
                version,
                timestamp,
                timestamp.minusSeconds(120).getEpochSecond(),
                task.payload(),
                task.target(),
                task.retry(),
                NOW);
    }

    private static Task scheduledAt(Instant timestamp) {
        return Task.scheduled(
                UUID.randomUUID(),
                TenantId.DEFAULT,
                timestamp,
                timestamp.minusSeconds(120).getEpochSecond(),
                NOW,
                null,
                null);
    }

    private static Task scheduledWithStart(TenantId tenant, long startExecutionAt) {
        return Task.scheduled(UUID.randomUUID(), tenant, NOW.plusSeconds(3600), startExecutionAt, NOW, null, null);
    }

    private static Task scheduledWithStart(long startExecutionAt) {
        return Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, NOW.plusSeconds(3600), startExecutionAt, NOW, null, null);
    }
}
