package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.IdempotencyKeyReusedException;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.Payload;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TargetAllowList;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TaskVersionMismatchException;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.RetryRequest;
import dev.tasksservice.domain.schedule.ScheduleResult;
import dev.tasksservice.domain.schedule.ScheduleTask;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSchedulingTest {

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00.250Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private final TargetRules rules = new TargetRules(
            TargetAllowList.parse("localhost"),
            List.of("https://sqs.us-east-1.amazonaws.com/123456789012/allowed"),
            Optional.empty());
    private final TaskScheduling scheduling = new TaskScheduling(
            store,
            SchedulingPolicy.defaults(),
            RetryLimits.DEFAULT,
            new TargetCheck(rules, host -> {
                if (!dns.containsKey(host)) {
                    throw new UnknownHostException(host);
                }
                return dns.get(host);
            }),
            clock,
            queue,
            workflow);

    @Test
    void anAbsoluteTimeIsScheduledAndStoredWithItsPickUpSecond() {
        Instant at = Instant.parse("2030-01-01T10:05:00.500Z");

        ScheduleResult result =
                scheduling.schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.at(at), "{\"a\":1}", null));

        Task task = result.task();
        assertThat(result.created()).isTrue();
        assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(task.timestamp()).isEqualTo(at);
        assertThat(task.startExecutionAt())
                .isEqualTo(Instant.parse("2030-01-01T10:03:00Z").getEpochSecond());
        assertThat(task.createdAt()).isEqualTo(clock.instant());
        assertThat(task.lastUpdatedAt()).isEqualTo(clock.instant());
        assertThat(task.payloadJson()).contains("{\"a\":1}");
        assertThat(store.find(task.id())).contains(task);
    }

    @Test
    void aRelativeTimeCountsFromNow() {
        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(65)), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(Instant.parse("2030-01-01T10:01:05.250Z"));
        assertThat(task.timeLeft(clock.instant())).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void aTimeFinerThanAMillisecondIsRoundedUpSoTheTaskCannotRunEarly() {
        Instant at = Instant.parse("2030-01-01T10:05:00.500000001Z");

        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.at(at), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(Instant.parse("2030-01-01T10:05:00.501Z"));
    }

    @Test
    void aTimeNotInTheFutureIsRefusedNamingTheField() {
        assertThatThrownBy(() -> scheduling.schedule(
                        new ScheduleTask(TenantId.DEFAULT, DueTime.at(clock.instant()), null, null)))
                .isInstanceOfSatisfying(InvalidTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("timestamp");
                    assertThat(e.getMessage()).isEqualTo("must be in the future");
                });
        assertThat(store.findDue(Instant.MAX.minusSeconds(1_000_000_000L), 100, null)
                        .items())
                .isEmpty();
    }

    @Test
    void aTimeBeyondTheHorizonIsRefused() {
        DueTime tooFar = DueTime.after(Duration.ofDays(365).plusSeconds(1));

        assertThatThrownBy(() -> scheduling.schedule(new ScheduleTask(TenantId.DEFAULT, tooFar, null, null)))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("hours/minutes/seconds"));
    }

    @Test
    void exactlyTheHorizonIsAccepted() {
        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofDays(365)), null, null))
                .task();

        assertThat(task.timestamp()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
    }

    @Test
    void aPayloadOverTheLimitIsRefused() {
        String big = "{\"x\":\"" + "y".repeat(Payload.MAX_BYTES) + "\"}";

        assertThatThrownBy(() -> new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(5)), big, null))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("payload"));
    }

    @Test
    void aRetryUnderTheSameKeyReturnsTheSameTaskAndCreatesNothing() {
        IdempotencyKey key = new IdempotencyKey("order-42", "body-a");
        ScheduleTask command = new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, key);
        Task first = scheduling.schedule(command).task();

        clock.advance(Duration.ofMinutes(5));
        ScheduleResult retry = scheduling.schedule(command);

        assertThat(retry.created()).isFalse();
        assertThat(retry.task()).isEqualTo(first);
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, null)
                        .items())
                .containsExactly(first);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefused() {
        scheduling.schedule(new ScheduleTask(
                TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, new IdempotencyKey("k", "body-a")));

        ScheduleTask other = new ScheduleTask(
                TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, new IdempotencyKey("k", "body-b"));

        assertThatThrownBy(() -> scheduling.schedule(other)).isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void aBlankKeyIsRefused() {
        assertThatThrownBy(() -> new IdempotencyKey(" ", "f"))
                .isInstanceOfSatisfying(
                        InvalidTaskException.class, e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
    }

    @Test
    void aScheduledTaskIsCancelledOnceAndOnlyOnce() {
        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        clock.advance(Duration.ofSeconds(1));

        Task cancelled = scheduling.cancel(TenantId.DEFAULT, task.id());

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.lastUpdatedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> scheduling.cancel(TenantId.DEFAULT, task.id()))
                .isInstanceOfSatisfying(
                        TaskStatusConflictException.class,
                        e -> assertThat(e.current().status()).isEqualTo(TaskStatus.CANCELLED));
    }

    @Test
    void aTaskDueWithinTheLookaheadIsDispatchedAtOnce() {
        Task soon = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(5)), null, null))
                .task();
        Task later = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofMinutes(10)), null, null))
                .task();

        assertThat(queue.sent()).containsExactly(soon.id()).doesNotContain(later.id());
    }

    @Test
    void aTaskTheQueueRefusesIsStillScheduledForThePoller() {
        IdempotencyKey key = new IdempotencyKey("k", "f");
        queue.refuse(java.util.Set.of(key.taskId(TenantId.DEFAULT)));

        ScheduleResult result = scheduling.schedule(
                new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(5)), null, key));

        assertThat(result.created()).isTrue();
        assertThat(store.findDue(clock.instant(), 100, null).items())
                .extracting(Task::id)
                .containsExactly(key.taskId(TenantId.DEFAULT));
    }

    @Test
    void aTaskInProgressThatHasNotRunIsCancelledAndItsWorkflowStopped() {
        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));

        Task cancelled = scheduling.cancel(TenantId.DEFAULT, task.id());

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(workflow.stopped()).containsExactly(task.id());
    }

    @Test
    void aTaskWhoseRunHasBegunCannotBeCancelled() {
        Task task = scheduling
                .schedule(new ScheduleTask(TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(30)), null, null))
                .task();
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));
        store.claimAttempt(task.id(), 1, 0, clock.instant());

        assertThatThrownBy(() -> scheduling.cancel(TenantId.DEFAULT, task.id()))
                .isInstanceOf(TaskStatusConflictException.class)
                .hasMessageContaining("has begun to run");
        assertThat(workflow.stopped()).isEmpty();
    }

    @Test
    void cancellingAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> scheduling.cancel(TenantId.DEFAULT, UUID.randomUUID()))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aTargetAndRetryPolicyAreStoredWithTheTask() throws Exception {
        dns.put("hooks.example.com", List.of(InetAddress.getByName("93.184.216.34")));
        HttpTarget target = HttpTarget.post(URI.create("https://hooks.example.com/due"));

        Task task = scheduling
                .schedule(new ScheduleTask(
                        TenantId.DEFAULT,
                        DueTime.after(Duration.ofSeconds(30)),
                        null,
                        null,
                        target,
                        new RetryRequest(5, 200L, null)))
                .task();

        Task stored = store.find(task.id()).orElseThrow();
        assertThat(stored.target()).isEqualTo(target);
        assertThat(stored.retry())
                .isEqualTo(new RetryPolicy(5, Duration.ofMillis(200), RetryPolicy.DEFAULT.maxBackoff()));
    }

    @Test
    void aTargetResolvingToAnInternalAddressIsRefusedUnlessAllowed() throws Exception {
        dns.put("inward.example.com", List.of(InetAddress.getByName("10.1.2.3")));
        dns.put("localhost", List.of(InetAddress.getByName("127.0.0.1")));

        assertThatThrownBy(() -> schedule(HttpTarget.post(URI.create("https://inward.example.com/x"))))
                .isInstanceOf(InvalidTaskException.class)
                .hasMessageContaining("10.1.2.3")
                .hasMessageContaining("private")
                .extracting(e -> ((InvalidTaskException) e).field())
                .isEqualTo("target.url");
        assertThatThrownBy(() -> schedule(HttpTarget.post(URI.create("http://169.254.169.254/latest/meta-data"))))
                .isInstanceOf(InvalidTaskException.class)
                .hasMessageContaining("link-local");
        assertThat(schedule(HttpTarget.post(URI.create("http://localhost:8080/hook")))
                        .target())
                .isNotNull();
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, null)
                        .items())
                .hasSize(1);
    }

    @Test
    void aQueueOutsideTheAllowedListIsRefused() {
        assertThatThrownBy(() -> schedule(new QueueTarget("https://sqs.us-east-1.amazonaws.com/999999999999/other")))
                .isInstanceOf(InvalidTaskException.class)
                .extracting(e -> ((InvalidTaskException) e).field())
                .isEqualTo("target.queueUrl");
        assertThat(schedule(new QueueTarget("https://sqs.us-east-1.amazonaws.com/123456789012/allowed"))
                        .target())
                .isNotNull();
    }

    @Test
    void aRetryPolicyBeyondTheCeilingsIsRefusedNamingThePart() {
        assertThatThrownBy(() -> scheduling.schedule(new ScheduleTask(
                        TenantId.DEFAULT,
                        DueTime.after(Duration.ofSeconds(30)),
                        null,
                        null,
                        null,
                        new RetryRequest(21, null, null))))
                .isInstanceOf(InvalidTaskException.class)
                .extracting(e -> ((InvalidTaskException) e).field())
                .isEqualTo("retry.maxAttempts");
        assertThatThrownBy(() -> scheduling.schedule(new ScheduleTask(
                        TenantId.DEFAULT,
                        DueTime.after(Duration.ofSeconds(30)),
                        null,
                        null,
                        null,
                        new RetryRequest(3, 5_000L, 1_000L))))
                .isInstanceOf(InvalidTaskException.class)
                .extracting(e -> ((InvalidTaskException) e).field())
                .isEqualTo("retry.maxBackoffMs");
        assertThat(store.listByStatus(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, null)
                        .items())
                .isEmpty();
    }

    @Test
    void aRescheduledTaskWaitsAgainForItsNewTimeOneVersionOn() {
        Task task = schedule(null);
        Instant later = clock.instant().plus(Duration.ofMinutes(10));

        Task changed = scheduling.reschedule(new RescheduleTask(
                TenantId.DEFAULT,
                task.id(),
                DueTime.at(later),
                Optional.of(new RescheduleTask.Change<>("{\"v\":2}")),
                null,
                null));

        assertThat(changed.timestamp()).isEqualTo(later);
        assertThat(changed.startExecutionAt()).isEqualTo(later.getEpochSecond() - 120);
        assertThat(changed.payload()).isEqualTo("{\"v\":2}");
        assertThat(changed.version()).isEqualTo(1);
        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(store.find(task.id()).orElseThrow()).isEqualTo(changed);
        // The consumer may have started the old version's workflow since the task was read: it is stopped either way.
        assertThat(workflow.stopped()).containsExactly(task.id());
    }

    @Test
    void reschedulingATaskWhoseWorkflowWaitsStopsThatWorkflowAndDispatchesOnceDue() {
        Task task = schedule(null);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));

        Task changed = scheduling.reschedule(new RescheduleTask(
                TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofSeconds(5)), null, null, null));

        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(workflow.stopped()).containsExactly(task.id());
        assertThat(queue.sent()).contains(task.id());
    }

    @Test
    void aTaskThatHasBegunToRunOrIsFinalCannotBeRescheduled() {
        Task task = schedule(null);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));
        store.claimAttempt(task.id(), 1, 0, clock.instant());

        assertThatThrownBy(() -> scheduling.reschedule(new RescheduleTask(
                        TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofMinutes(5)), null, null, null)))
                .isInstanceOf(TaskStatusConflictException.class)
                .hasMessageContaining("begun to run");
        assertThatThrownBy(() -> scheduling.reschedule(new RescheduleTask(
                        TenantId.DEFAULT, UUID.randomUUID(), DueTime.after(Duration.ofMinutes(5)), null, null, null)))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void ofTwoChangesMadeFromTheSameVersionOnlyOneWins() {
        Task task = schedule(null);
        Reschedule first = new Reschedule(
                task.id(), 0, task.timestamp().plusSeconds(60), 0, null, null, task.retry(), clock.instant());
        Reschedule second = new Reschedule(
                task.id(), 0, task.timestamp().plusSeconds(90), 0, null, null, task.retry(), clock.instant());

        store.reschedule(first);

        assertThatThrownBy(() -> store.reschedule(second)).isInstanceOf(TaskStatusConflictException.class);
        assertThat(store.find(task.id()).orElseThrow().timestamp()).isEqualTo(first.timestamp());
    }

    @Test
    void aChangeToNullRemovesThePayloadAndTheTarget() throws Exception {
        dns.put("hooks.example.com", List.of(InetAddress.getByName("93.184.216.34")));
        Task task = scheduling
                .schedule(new ScheduleTask(
                        TenantId.DEFAULT,
                        DueTime.after(Duration.ofSeconds(200)),
                        "{\"a\":1}",
                        null,
                        HttpTarget.post(URI.create("https://hooks.example.com/due")),
                        null))
                .task();

        Task changed = scheduling.reschedule(new RescheduleTask(
                TenantId.DEFAULT,
                task.id(),
                null,
                Optional.of(new RescheduleTask.Change<>(null)),
                Optional.of(new RescheduleTask.Change<>(null)),
                null));

        assertThat(changed.payload()).isNull();
        assertThat(changed.target()).isNull();
        assertThat(store.find(task.id()).orElseThrow().payload()).isNull();
    }

    @Test
    void aChangeExpectingAnotherVersionIsRefusedAndChangesNothing() {
        Task task = schedule(null);
        scheduling.reschedule(new RescheduleTask(
                TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofSeconds(300)), null, null, null));

        assertThatThrownBy(() -> scheduling.reschedule(new RescheduleTask(
                        TenantId.DEFAULT, task.id(), DueTime.after(Duration.ofSeconds(400)), null, null, null, 0L)))
                .isInstanceOf(TaskVersionMismatchException.class)
                .hasMessageContaining("version 1, not 0");
        assertThat(store.find(task.id()).orElseThrow().version()).isEqualTo(1);
        assertThat(scheduling
                        .reschedule(new RescheduleTask(
                                TenantId.DEFAULT,
                                task.id(),
                                DueTime.after(Duration.ofSeconds(400)),
                                null,
                                null,
                                null,
                                1L))
                        .version())
                .isEqualTo(2);
    }

    private Task schedule(Target target) {
        return scheduling
                .schedule(new ScheduleTask(
                        TenantId.DEFAULT, DueTime.after(Duration.ofSeconds(200)), null, null, target, null))
                .task();
    }
}
