package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskAction} promises: performed with a task as the executor hands it (IN_PROGRESS, its attempts
 * set to the attempt being run) and the instant the run began, it runs the task once per call, with that instant and
 * not one of its own, with or without a payload, however late, and answers SUCCEEDED; it answers a failed attempt
 * with FAILED or REFUSED (or throws), and a failure leaves it able to run the next task. Each action's test says how a user sees a run ({@link #runsSeen}), and, if the
 * action can fail, which task it fails on ({@link #failing}).
 */
public abstract class TaskActionContract {

    protected static final Instant DUE = Instant.parse("2030-01-01T10:00:00.250Z");

    protected TaskAction action;

    /** A new action; runs seen by tests before this one may remain, they concern other tasks. */
    protected abstract TaskAction newAction();

    /** The executedAt of each run of the task that a user can see, in the order they ran. */
    protected abstract List<Instant> runsSeen(UUID taskId);

    /** The task changed so that this action fails to run it; empty for an action that never fails. */
    protected abstract Optional<Task> failing(Task task);

    @BeforeEach
    void freshAction() {
        action = newAction();
    }

    @Test
    void aTaskIsRunOnceWithTheInstantItWasGiven() throws Exception {
        Task task = attempt(1, null);
        Instant executedAt = DUE.plusMillis(3);

        Delivery delivery = action.perform(task, executedAt);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        assertThat(runsSeen(task.id())).containsExactly(executedAt);
    }

    @Test
    void eachAttemptIsARunOfItsOwn() throws Exception {
        Task first = attempt(1, null);
        Task second = first.withAttempt(2, DUE.plusSeconds(5));

        action.perform(first, DUE);
        action.perform(second, DUE.plusSeconds(5));

        assertThat(runsSeen(first.id())).containsExactly(DUE, DUE.plusSeconds(5));
    }

    @Test
    void aTaskWithAPayloadIsRunAsOneWithout() throws Exception {
        Task withPayload = attempt(1, "{\"orderId\":42,\"to\":[\"ops@example.com\"],\"note\":\"ü\"}");
        Task without = attempt(1, null);

        action.perform(withPayload, DUE);
        action.perform(without, DUE);

        assertThat(runsSeen(withPayload.id())).containsExactly(DUE);
        assertThat(runsSeen(without.id())).containsExactly(DUE);
    }

    @Test
    void aLateRunIsStillARun() throws Exception {
        Task task = attempt(3, null);
        Instant late = DUE.plus(Duration.ofHours(2));

        action.perform(task, late);

        assertThat(runsSeen(task.id())).containsExactly(late);
    }

    @Test
    void aFailedAttemptIsThrownAndTheNextTaskStillRuns() throws Exception {
        Optional<Task> failing = failing(attempt(1, null));
        assumeTrue(failing.isPresent(), "this action never fails a run");
        Task next = attempt(1, null);

        Delivery failed;
        try {
            failed = action.perform(failing.get(), DUE);
        } catch (Exception e) {
            failed = Delivery.failed(e.getMessage());
        }
        assertThat(failed.outcome()).isNotEqualTo(AttemptOutcome.SUCCEEDED);
        assertThat(action.perform(next, DUE).outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);

        assertThat(runsSeen(next.id())).containsExactly(DUE);
    }

    /** A task as the executor hands it to the action for attempt number {@code attempt}. */
    protected static Task attempt(int attempt, String payload) {
        Instant created = DUE.minus(Duration.ofMinutes(10));
        return new Task(
                        UUID.randomUUID(),
                        TenantId.DEFAULT,
                        DUE,
                        DUE.getEpochSecond() - 120,
                        TaskStatus.IN_PROGRESS,
                        created,
                        created,
                        payload,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0)
                .withAttempt(attempt, DUE);
    }
}
