package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasksservice.domain.InMemoryTaskStore;
import dev.tasksservice.domain.model.Reschedule;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.recover.RedriveTask;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The workflow adapter through the AWS SDK against a server speaking the Step Functions protocol. */
class StepFunctionsWorkflowIT {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:tasksWorkflow-it";
    private static final String EXPRESS_STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksExpressWorkflow-it";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private StepFunctionsServer server;
    private SfnClient sfn;
    private StepFunctionsWorkflow workflow;

    @BeforeEach
    void startServer() {
        server = StepFunctionsServer.start();
        sfn = server.client();
        workflow = new StepFunctionsWorkflow(sfn, STATE_MACHINE);
    }

    @AfterEach
    void stopServer() {
        sfn.close();
        server.close();
    }

    @Test
    void startsOneExecutionNamedByTheTaskWithItsIdAndTimestamp() {
        Task task = task(Instant.parse("2030-01-01T10:00:00.250Z"));

        workflow.start(task);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.target()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(call.error()).isNull();
        assertThat(call.field("stateMachineArn")).isEqualTo(STATE_MACHINE);
        assertThat(call.field("name")).isEqualTo(task.id().toString());
        String input = call.field("input");
        assertThat(input).startsWith("{").endsWith("}");
        assertThat(JsonFields.string(input, "id")).contains(task.id().toString());
        assertThat(JsonFields.string(input, "timestamp")).contains("2030-01-01T10:00:00.250Z");
        assertThat(JsonFields.number(input, "attempt")).contains("1");
        assertThat(JsonFields.number(input, "version")).contains("0");
    }

    @Test
    void aChangedTaskRunsAsAnExecutionNamedByItsVersionWithTheVersionInItsInput() {
        Task task = task(Instant.parse("2030-01-01T10:00:00.250Z"));
        workflow.start(task);
        Task changed = changed(task, Instant.parse("2030-01-01T11:00:00.500Z"));

        assertThat(workflow.start(changed)).isEqualTo(WorkflowState.RUNNING);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.error()).isNull();
        assertThat(call.field("name")).isEqualTo(task.id() + "-v1");
        String input = call.field("input");
        assertThat(JsonFields.string(input, "id")).contains(task.id().toString());
        assertThat(JsonFields.string(input, "timestamp")).contains("2030-01-01T11:00:00.500Z");
        assertThat(JsonFields.number(input, "attempt")).contains("1");
        assertThat(JsonFields.number(input, "version")).contains("1");
        assertThat(server.executionArns()).containsExactly(workflow.executionArn(task), workflow.executionArn(changed));
    }

    @Test
    void aRestartOfAChangedTaskIsNamedByItsVersionAndAttempt() {
        Task changed = changed(changed(task(NOW.plusSeconds(300)), NOW.plusSeconds(400)), NOW.plusSeconds(500));

        workflow.restart(changed.withAttempt(1, NOW), 2);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.error()).isNull();
        assertThat(call.field("name")).isEqualTo(changed.id() + "-v2-a2");
        assertThat(JsonFields.number(call.field("input"), "version")).contains("2");
        assertThat(JsonFields.number(call.field("input"), "attempt")).contains("2");
    }

    @Test
    void theNameOfTheLongestVersionAndAttemptIsOneStepFunctionsTakes() {
        Task task = task(NOW.plusSeconds(300));
        Task highest = new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp(),
                task.startExecutionAt(),
                TaskStatus.IN_PROGRESS,
                NOW,
                NOW,
                null,
                null,
                null,
                Integer.MAX_VALUE - 1,
                null,
                null,
                null,
                null,
                null,
                Long.MAX_VALUE);

        assertThat(workflow.restart(highest, Integer.MAX_VALUE)).isEqualTo(WorkflowState.RUNNING);

        assertThat(server.lastCall().error()).isNull();
        assertThat(server.lastCall().field("name"))
                .isEqualTo(task.id() + "-v" + Long.MAX_VALUE + "-a" + Integer.MAX_VALUE)
                .hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void aRetryWaitsForTheNextAttemptWhenItIsLaterThanTheTimestamp() {
        Task task = task(Instant.parse("2030-01-01T10:00:00.250Z"));
        Task retrying = new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp(),
                task.startExecutionAt(),
                TaskStatus.IN_PROGRESS,
                NOW,
                NOW,
                null,
                null,
                null,
                1,
                "503",
                null,
                null,
                null,
                Instant.parse("2030-01-01T10:00:07.125Z"),
                0);

        workflow.restart(retrying, 2);

        assertThat(JsonFields.string(server.lastCall().field("input"), "timestamp"))
                .contains("2030-01-01T10:00:07.125Z");
    }

    @Test
    void theStateAndStopOfAVersionLeaveTheOtherVersionsRunsAlone() {
        Task task = task(NOW.plusSeconds(300));
        Task changed = changed(task, NOW.plusSeconds(360));
        assertThat(workflow.start(task)).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow.state(changed)).as("the new version has no run yet").isEqualTo(WorkflowState.MISSING);

        workflow.start(changed);
        workflow.stop(task);

        assertThat(server.status(workflow.executionArn(task))).contains("ABORTED");
        assertThat(server.status(workflow.executionArn(changed))).contains("RUNNING");
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.CLOSED);
        assertThat(workflow.state(changed)).isEqualTo(WorkflowState.RUNNING);
        assertThat(server.calls())
                .filteredOn(call -> call.target().equals("AWSStepFunctions.StopExecution"))
                .extracting(call -> call.field("executionArn"))
                .allSatisfy(arn -> assertThat(arn).doesNotContain("-v1"));
    }

    @Test
    void startingTheSameTaskAgainWhileItsExecutionRunsIsNotAnError() {
        Task task = task(NOW.plusSeconds(300));
        workflow.start(task);

        assertThat(workflow.start(task)).isEqualTo(WorkflowState.RUNNING);

        assertThat(server.executionArns()).containsExactly(workflow.executionArn(task));
    }

    @Test
    void anExistingExecutionWithOtherInputCountsAsStartedOnlyWhileItRuns() {
        Task task = task(NOW.plusSeconds(300));
        workflow.start(task);
        // The same version with another timestamp: a task is not changed that way, but the name is what counts.
        Task moved = new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp().plusSeconds(1),
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

        assertThat(workflow.start(moved)).isEqualTo(WorkflowState.RUNNING);
        assertThat(server.calls())
                .extracting(StepFunctionsServer.Call::target, StepFunctionsServer.Call::error)
                .containsExactly(
                        tuple("AWSStepFunctions.StartExecution", null),
                        tuple("AWSStepFunctions.StartExecution", "ExecutionAlreadyExists"),
                        tuple("AWSStepFunctions.DescribeExecution", null));

        server.close(workflow.executionArn(task), "SUCCEEDED");

        assertThat(workflow.start(task)).isEqualTo(WorkflowState.CLOSED);
    }

    @Test
    void aRestartIsANewExecutionNamedByTheTaskAndItsFirstAttempt() {
        Task task = task(Instant.parse("2030-01-01T10:00:00.250Z"));
        workflow.start(task);
        server.close(workflow.executionArn(task), "FAILED");

        assertThat(workflow.restart(task, 2)).isEqualTo(WorkflowState.RUNNING);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.field("name")).isEqualTo(task.id() + "-a2");
        String input = call.field("input");
        assertThat(JsonFields.string(input, "id")).contains(task.id().toString());
        assertThat(JsonFields.string(input, "timestamp")).contains("2030-01-01T10:00:00.250Z");
        assertThat(JsonFields.number(input, "attempt")).contains("2");
        assertThat(workflow.restart(task, 2)).as("the same restart again").isEqualTo(WorkflowState.RUNNING);
        server.close(workflow.executionArn(task, 2), "ABORTED");
        assertThat(workflow.restart(task, 2)).isEqualTo(WorkflowState.CLOSED);
    }

    @Test
    void theStateIsThatOfTheTasksLatestExecution() {
        Task task = task(NOW.plusSeconds(300));
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.MISSING);

        workflow.start(task);
        assertThat(workflow.state(task)).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow.state(withAttempts(task, 2)))
                .as("the first run claimed two attempts")
                .isEqualTo(WorkflowState.RUNNING);

        server.close(workflow.executionArn(task), "FAILED");
        assertThat(workflow.state(withAttempts(task, 2))).isEqualTo(WorkflowState.CLOSED);

        workflow.restart(withAttempts(task, 2), 3);
        assertThat(workflow.state(withAttempts(task, 2))).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow.state(withAttempts(task, 3))).isEqualTo(WorkflowState.RUNNING);

        server.close(workflow.executionArn(task, 3), "TIMED_OUT");
        workflow.restart(withAttempts(task, 2), 4);
        assertThat(workflow.state(withAttempts(task, 2)))
                .as("a run for attempt 3 ended unclaimed, one for 4 runs")
                .isEqualTo(WorkflowState.RUNNING);
    }

    @Test
    void theConsumerRedrivesATaskWhoseExecutionHadAlreadyEnded() {
        InMemoryTaskStore store = new InMemoryTaskStore();
        Task task = task(NOW.plusSeconds(300));
        store.create(task);
        workflow.start(task);
        server.close(workflow.executionArn(task), "ABORTED");

        StartTaskWorkflow.Outcome outcome = new StartTaskWorkflow(store, workflow, Clock.systemUTC()).start(task.id());

        assertThat(outcome).isEqualTo(StartTaskWorkflow.Outcome.REDRIVEN);
        assertThat(server.status(workflow.executionArn(task, 1))).contains("RUNNING");
        assertThat(store.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void theSweepRedrivesOrFailsTasksWhoseExecutionEndedAndLeavesRunningOnes() {
        InMemoryTaskStore store = new InMemoryTaskStore();
        Instant overdue = Instant.now().minus(Duration.ofMinutes(10));
        Task running = inProgress(store, overdue, 1);
        Task ended = inProgress(store, overdue, 1);
        // Its 3 attempts, and the lost runs beyond them that are not counted, all claimed and never recorded.
        int attemptsOfUsedUp = 3 + RedriveTask.LOST_RUNS_NOT_COUNTED;
        Task usedUp = inProgress(store, overdue, attemptsOfUsedUp);
        for (Task task : List.of(running, ended, usedUp)) {
            workflow.start(task);
        }
        server.close(workflow.executionArn(ended), "FAILED");
        server.close(workflow.executionArn(usedUp), "FAILED");
        RecoverStuckTasks recovery =
                new RecoverStuckTasks(store, workflow, Clock.systemUTC(), RecoverStuckTasks.Settings.DEFAULT);

        RecoverStuckTasks.Report report = recovery.run();

        assertThat(report.running()).isEqualTo(1);
        assertThat(report.redriven()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(server.status(workflow.executionArn(ended, 2))).contains("RUNNING");
        assertThat(JsonFields.number(server.input(workflow.executionArn(ended, 2)), "attempt"))
                .contains("2");
        assertThat(server.status(workflow.executionArn(running, 2))).isEmpty();
        Task failed = store.find(usedUp.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.lastError())
                .isEqualTo("workflow ended without recording a result after " + attemptsOfUsedUp + " attempt(s)");
    }

    @Test
    void stopsTheTasksExecutionWithTheCancelledError() {
        Task task = task(NOW.plusSeconds(300));
        workflow.start(task);

        workflow.stop(task);

        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.target()).isEqualTo("AWSStepFunctions.StopExecution");
        assertThat(call.error()).isNull();
        assertThat(call.field("executionArn"))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:tasksWorkflow-it:" + task.id());
        assertThat(call.field("error")).isEqualTo("TaskCancelled");
        assertThat(call.field("cause")).isEqualTo("cancelled by the client");
    }

    @Test
    void stoppingATaskWithoutExecutionIsNotAnError() {
        Task neverStarted = task(NOW.plusSeconds(300));

        workflow.stop(neverStarted);

        assertThat(server.lastCall().error()).isEqualTo("ExecutionDoesNotExist");
    }

    @Test
    void theServerRefusesTheNamesStepFunctionsRefuses() {
        for (String name : List.of("x".repeat(81), "with space", "a:b", "")) {
            assertThatThrownBy(() -> sfn.startExecution(
                            request -> request.stateMachineArn(STATE_MACHINE).name(name)))
                    .as(name)
                    .isInstanceOf(InvalidNameException.class);
        }
        assertThat(sfn.startExecution(request ->
                                request.stateMachineArn(STATE_MACHINE).name("x".repeat(80)))
                        .executionArn())
                .endsWith(":" + "x".repeat(80));
    }

    @Test
    void otherErrorsReachTheCaller() {
        server.answerEveryCallWith("StateMachineDoesNotExist");
        Task task = task(NOW.plusSeconds(300));

        assertThatThrownBy(() -> workflow.start(task)).isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> workflow.stop(task)).isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void aFirstRunDueWithinAMinuteStartsInTheExpressStateMachineWithTheNameOfItsRun() {
        StepFunctionsWorkflow withExpress = withExpress();
        Task task = task(NOW.plus(ExpressFirstRun.MAX_WAIT));
        Task changed = changed(task, NOW.plusSeconds(5));

        assertThat(withExpress.start(task)).isEqualTo(WorkflowState.RUNNING);
        StepFunctionsServer.Call call = server.lastCall();
        assertThat(call.error()).isNull();
        assertThat(call.field("stateMachineArn")).isEqualTo(EXPRESS_STATE_MACHINE);
        assertThat(call.field("name")).isEqualTo(task.id().toString());
        String input = call.field("input");
        assertThat(JsonFields.string(input, "id")).contains(task.id().toString());
        assertThat(JsonFields.string(input, "timestamp")).contains("2030-01-01T00:01:00.000Z");
        assertThat(JsonFields.number(input, "attempt")).contains("1");
        assertThat(JsonFields.number(input, "version")).contains("0");
        assertThat(JsonFields.string(input, "run")).contains(task.id().toString());

        assertThat(withExpress.start(changed)).isEqualTo(WorkflowState.RUNNING);
        assertThat(server.lastCall().field("stateMachineArn")).isEqualTo(EXPRESS_STATE_MACHINE);
        assertThat(JsonFields.string(server.lastCall().field("input"), "run")).contains(task.id() + "-v1");
        assertThat(server.executionArns())
                .as("no Standard execution")
                .noneMatch(arn -> arn.contains(":tasksWorkflow-it:"));
    }

    @Test
    void aRunDueLaterOrOfALaterAttemptAndEveryRestartStartInTheStandardStateMachine() {
        StepFunctionsWorkflow withExpress = withExpress();
        Task later = task(NOW.plus(ExpressFirstRun.MAX_WAIT).plusMillis(1));
        Task retried = withAttempts(task(NOW.plusSeconds(10)), 1);

        for (Task task : List.of(later, retried)) {
            assertThat(withExpress.start(task)).isEqualTo(WorkflowState.RUNNING);
            assertThat(server.lastCall().field("stateMachineArn")).isEqualTo(STATE_MACHINE);
            assertThat(JsonFields.string(server.lastCall().field("input"), "run"))
                    .isEmpty();
        }
        assertThat(withExpress.restart(task(NOW.plusSeconds(10)), 2)).isEqualTo(WorkflowState.RUNNING);
        assertThat(server.lastCall().field("stateMachineArn")).isEqualTo(STATE_MACHINE);
    }

    @Test
    void theStateOfATaskWhoseRetryWasHandedOverIsThatOfTheStandardExecutionOfTheRetry() {
        StepFunctionsWorkflow withExpress = withExpress();
        Task task = task(NOW.plusSeconds(5));
        withExpress.start(task);
        String run = JsonFields.string(server.lastCall().field("input"), "run").orElseThrow();
        assertThat(withExpress.state(task))
                .as("an Express execution cannot be described")
                .isEqualTo(WorkflowState.MISSING);

        // What the Express machine's hand-over starts: the re-drive of attempt 2, named by the run it was given.
        sfn.startExecution(request ->
                request.stateMachineArn(STATE_MACHINE).name(run + "-a2").input(StepFunctionsWorkflow.input(task, 2)));

        assertThat(withExpress.state(withAttempts(task, 1))).isEqualTo(WorkflowState.RUNNING);
        assertThat(withExpress.restart(withAttempts(task, 1), 2))
                .as("the sweep's re-drive of the same attempt")
                .isEqualTo(WorkflowState.RUNNING);
        withExpress.stop(withAttempts(task, 1));
        assertThat(server.status(withExpress.executionArn(task, 2))).contains("ABORTED");
    }

    private StepFunctionsWorkflow withExpress() {
        return new StepFunctionsWorkflow(sfn, STATE_MACHINE, EXPRESS_STATE_MACHINE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Task inProgress(InMemoryTaskStore store, Instant timestamp, int attempts) {
        Task task = task(timestamp);
        store.create(task);
        store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, timestamp));
        for (int attempt = 1; attempt <= attempts; attempt++) {
            store.claimAttempt(task.id(), attempt, 0, timestamp);
        }
        return store.find(task.id()).orElseThrow();
    }

    /** {@code task} as a client's change makes it: due at {@code timestamp}, one version on. */
    private static Task changed(Task task, Instant timestamp) {
        return task.after(new Reschedule(
                task.id(),
                task.version(),
                timestamp,
                timestamp.getEpochSecond() - 120,
                task.payload(),
                task.target(),
                task.retry(),
                NOW));
    }

    private static Task withAttempts(Task task, int attempts) {
        return task.withAttempt(attempts, task.lastUpdatedAt());
    }

    private static Task task(Instant timestamp) {
        return Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, timestamp, timestamp.getEpochSecond() - 120, NOW, null, null);
    }
}
