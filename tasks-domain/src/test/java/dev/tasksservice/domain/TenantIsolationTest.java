package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.IdempotencyKeyReusedException;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.SchedulingPolicy;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.TargetAllowList;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.read.FindTask;
import dev.tasksservice.domain.read.ListTasks;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.ScheduleResult;
import dev.tasksservice.domain.schedule.ScheduleTask;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A task is its tenant's alone: another tenant meets it exactly as it meets an id that names no task. */
class TenantIsolationTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final MutableClock clock = MutableClock.at("2030-01-01T10:00:00.250Z");
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final RecordingWorkflow workflow = new RecordingWorkflow();
    private final TaskScheduling scheduling = new TaskScheduling(
            store,
            SchedulingPolicy.defaults(),
            RetryLimits.DEFAULT,
            new TargetCheck(new TargetRules(TargetAllowList.parse(""), List.of(), Optional.empty()), host -> {
                throw new UnknownHostException(host);
            }),
            clock,
            queue,
            workflow);
    private final FindTask findTask = new FindTask(store);
    private final ListTasks listTasks = new ListTasks(store);

    @Test
    void aScheduledTaskBelongsToTheTenantThatScheduledIt() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);

        assertThat(task.tenant()).isEqualTo(ACME);
        assertThat(store.find(task.id()).orElseThrow().tenant()).isEqualTo(ACME);
        assertThat(findTask.find(ACME, task.id())).isEqualTo(task);
    }

    @Test
    void readingAnotherTenantsTaskFailsExactlyAsReadingAnUnknownId() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);

        assertNotFoundLikeAnUnknownId(task.id(), id -> findTask.find(GLOBEX, id));
    }

    @Test
    void changingAnotherTenantsTaskFailsExactlyAsAnUnknownIdAndChangesNothing() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);

        assertNotFoundLikeAnUnknownId(
                task.id(),
                id -> scheduling.reschedule(
                        new RescheduleTask(GLOBEX, id, DueTime.after(Duration.ofSeconds(5)), null, null, null)));

        assertThat(store.find(task.id())).contains(task);
        assertThat(workflow.stopped()).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void cancellingAnotherTenantsTaskFailsExactlyAsAnUnknownIdAndChangesNothing() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, clock.instant()));
        Task inProgress = store.find(task.id()).orElseThrow();

        assertNotFoundLikeAnUnknownId(task.id(), id -> scheduling.cancel(GLOBEX, id));

        assertThat(store.find(task.id())).contains(inProgress);
        assertThat(workflow.stopped()).isEmpty();
    }

    @Test
    void theOwnerStillReadsChangesAndCancelsItsTask() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);

        Task changed = scheduling.reschedule(
                new RescheduleTask(ACME, task.id(), DueTime.after(Duration.ofMinutes(20)), null, null, null));
        Task cancelled = scheduling.cancel(ACME, task.id());

        assertThat(changed.version()).isEqualTo(1);
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.tenant()).isEqualTo(ACME);
    }

    @Test
    void aListingShowsOnlyTheCallersTasks() {
        Task acmeFirst = schedule(ACME, Duration.ofMinutes(10), null);
        Task globex = schedule(GLOBEX, Duration.ofMinutes(11), null);
        Task acmeSecond = schedule(ACME, Duration.ofMinutes(12), null);

        assertThat(listTasks.list(ACME, TaskStatus.SCHEDULED, 10, null).items()).containsExactly(acmeFirst, acmeSecond);
        assertThat(listTasks.list(GLOBEX, TaskStatus.SCHEDULED, 10, null).items())
                .containsExactly(globex);
        assertThat(listTasks
                        .list(TenantId.DEFAULT, TaskStatus.SCHEDULED, 10, null)
                        .items())
                .isEmpty();
    }

    @Test
    void theSameKeyUnderTwoTenantsCreatesTwoTasksAndEachReplayFindsItsOwn() {
        ScheduleResult acme = scheduleWithKey(ACME, "order-42", "body-a");
        ScheduleResult globex = scheduleWithKey(GLOBEX, "order-42", "body-a");
        ScheduleResult acmeAgain = scheduleWithKey(ACME, "order-42", "body-a");
        ScheduleResult globexAgain = scheduleWithKey(GLOBEX, "order-42", "body-a");

        assertThat(acme.created()).isTrue();
        assertThat(globex.created()).isTrue();
        assertThat(globex.task().id()).isNotEqualTo(acme.task().id());
        assertThat(globex.task().tenant()).isEqualTo(GLOBEX);
        assertThat(acmeAgain.created()).isFalse();
        assertThat(acmeAgain.task()).isEqualTo(acme.task());
        assertThat(globexAgain.created()).isFalse();
        assertThat(globexAgain.task()).isEqualTo(globex.task());
    }

    @Test
    void aKeyAnotherTenantUsedWithAnotherRequestIsNotReusedForTheCaller() {
        scheduleWithKey(ACME, "order-42", "body-a");

        ScheduleResult globex = scheduleWithKey(GLOBEX, "order-42", "body-b");

        assertThat(globex.created()).isTrue();
        assertThat(globex.task().requestFingerprint()).isEqualTo("body-b");
    }

    @Test
    void theIdAKeyMakesDependsOnTheTenant() {
        IdempotencyKey key = new IdempotencyKey("order-42", "body-a");

        assertThat(key.taskId(ACME)).isEqualTo(new IdempotencyKey("order-42", "other body").taskId(ACME));
        assertThat(key.taskId(ACME)).isNotEqualTo(key.taskId(GLOBEX));
        assertThat(key.taskId(ACME)).isNotEqualTo(key.taskId(TenantId.DEFAULT));
    }

    @Test
    void aStoredTaskOfAnotherTenantUnderTheCallersKeyIsNeverHandedOut() {
        IdempotencyKey key = new IdempotencyKey("order-42", "body-a");
        // Only a collision of ids could put it there; the replay must not answer with it all the same.
        Task foreign = Task.scheduled(
                key.taskId(ACME),
                GLOBEX,
                clock.instant().plusSeconds(600),
                clock.instant().plusSeconds(480).getEpochSecond(),
                clock.instant(),
                null,
                "body-a");
        store.create(foreign);

        assertThatThrownBy(() ->
                        scheduling.schedule(new ScheduleTask(ACME, DueTime.after(Duration.ofMinutes(10)), null, key)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(store.find(foreign.id())).contains(foreign);
        assertThat(listTasks.list(ACME, TaskStatus.SCHEDULED, 10, null).items()).isEmpty();
    }

    @Test
    void theInternalReadFindsTheTaskWhateverItsTenant() {
        Task task = schedule(ACME, Duration.ofMinutes(10), null);

        assertThat(store.find(task.id())).contains(task);
        assertThat(store.find(GLOBEX, task.id())).isEmpty();
        assertThat(store.find(ACME, task.id())).contains(task);
    }

    private Task schedule(TenantId tenant, Duration ahead, IdempotencyKey key) {
        return scheduling
                .schedule(new ScheduleTask(tenant, DueTime.after(ahead), null, key))
                .task();
    }

    private ScheduleResult scheduleWithKey(TenantId tenant, String key, String fingerprint) {
        return scheduling.schedule(new ScheduleTask(
                tenant, DueTime.after(Duration.ofMinutes(10)), null, new IdempotencyKey(key, fingerprint)));
    }

    /** The failure for {@code id} is the one an id that names no task gets, but for the id it names. */
    private static void assertNotFoundLikeAnUnknownId(UUID id, Consumer<UUID> attempt) {
        UUID unknown = UUID.randomUUID();
        TaskNotFoundException forUnknown = catchNotFound(() -> attempt.accept(unknown));
        TaskNotFoundException forForeign = catchNotFound(() -> attempt.accept(id));

        assertThat(forForeign.getClass()).isEqualTo(forUnknown.getClass());
        assertThat(forForeign.taskId()).isEqualTo(id);
        assertThat(forForeign.getMessage())
                .isEqualTo(forUnknown.getMessage().replace(unknown.toString(), id.toString()));
    }

    private static TaskNotFoundException catchNotFound(Runnable attempt) {
        try {
            attempt.run();
        } catch (TaskNotFoundException e) {
            return e;
        }
        throw new AssertionError("expected the task not to be found");
    }
}
