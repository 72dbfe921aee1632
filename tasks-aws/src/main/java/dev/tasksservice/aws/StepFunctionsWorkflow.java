package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Step Functions executions of a task's workflow, named so that each run of a task has exactly one execution and a
 * second start of the same run (a message received twice) does nothing. Runs are per version of the task: the
 * executor's claim checks the version, so a run started before the client changed the task never runs the new one.
 * The first run of version 0 is named by the task id, {@code <id>}, a later run (a re-drive) by the task id and the
 * attempt it begins with, {@code <id>-a<attempt>}; the runs of version n &gt; 0 add the version, {@code <id>-v<n>}
 * and {@code <id>-v<n>-a<attempt>}. Names stay within the 80 characters Step Functions allows: 36 for the id, at most
 * 21 for the version and 12 for the attempt. The input names the task, the instant to wait for (its timestamp, or
 * the later time of its next attempt), that first attempt and the version: {@code {"id":..., "timestamp":...,
 * "attempt":..., "version":...}}.
 *
 * <p>An execution name that already exists means "started" only while that execution runs; a closed one is reported
 * as CLOSED, and the domain decides what comes next.
 *
 * <p>With an Express state machine, the first run of a task started at most a minute before its time
 * ({@link ExpressFirstRun}) is an Express execution, named as the first run (for tracing: Express does not refuse a
 * name used before) with {@code "run"}, that name, added to the input. Its retry, if any, is handed over to the
 * Standard state machine under the name of the re-drive, {@code <run>-a<attempt>}, with the input of the re-drive,
 * so the state and the stop of a task, which look at the Standard executions only, find it. An Express execution can
 * be neither described nor stopped, and need not be: a cancelled task is refused by the executor's claim, and a task
 * still IN_PROGRESS when the sweep looks at it (five minutes after its time on AWS) has no Express execution left, as
 * one starts at most a minute early and lives at most five minutes. A second start of the same task (a message
 * received twice) starts a second Express execution, whose attempt the executor's claim refuses.
 */
public class StepFunctionsWorkflow implements TaskWorkflow {

    /** The error a cancelled execution stops with, as the execution history shows it. */
    public static final String CANCELLED_ERROR = "TaskCancelled";

    public static final String CANCELLED_CAUSE = "cancelled by the client";

    // Far more re-drives than any retry policy allows: bounds the look-up however many runs exist.
    private static final int MAX_REDRIVES = 100;

    private final SfnClient sfn;
    private final StateMachineArn stateMachine;
    private final Optional<StateMachineArn> expressStateMachine;
    private final Clock clock;

    /**
     * Every run in the Standard state machine {@code stateMachineArn}. Throws {@link IllegalArgumentException} if it is
     * not a state machine ARN.
     */
    public StepFunctionsWorkflow(SfnClient sfn, String stateMachineArn) {
        this(sfn, stateMachineArn, null, Clock.systemUTC());
    }

    /**
     * First runs started close to their time in the Express state machine {@code expressStateMachineArn} (none when
     * null or blank), every other run in the Standard one. Throws {@link IllegalArgumentException} if an ARN is not a
     * state machine ARN.
     */
    public StepFunctionsWorkflow(SfnClient sfn, String stateMachineArn, String expressStateMachineArn, Clock clock) {
        this.sfn = sfn;
        this.stateMachine = new StateMachineArn(stateMachineArn);
        this.expressStateMachine = expressStateMachineArn == null || expressStateMachineArn.isBlank()
                ? Optional.empty()
                : Optional.of(new StateMachineArn(expressStateMachineArn));
        this.clock = clock;
    }

    @Override
    public WorkflowState start(Task task) {
        if (expressStateMachine.isPresent() && ExpressFirstRun.fits(task, clock.instant())) {
            sfn.startExecution(
                    request -> request.stateMachineArn(expressStateMachine.get().value())
                            .name(firstRunName(task))
                            .input(expressInput(task)));
            return WorkflowState.RUNNING;
        }
        return startExecution(firstRunName(task), task, task.attempts() + 1);
    }

    @Override
    public WorkflowState restart(Task task, int attempt) {
        return startExecution(runName(task, attempt), task, attempt);
    }

    private WorkflowState startExecution(String name, Task task, int attempt) {
        try {
            sfn.startExecution(request ->
                    request.stateMachineArn(stateMachine.value()).name(name).input(input(task, attempt)));
            return WorkflowState.RUNNING;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // Started before: running (with other input), or closed, in which case it will never run the task.
            return describe(name).orElse(WorkflowState.CLOSED);
        }
    }

    /**
     * The state of the latest execution of the task's version. Re-drives are started for increasing attempt numbers,
     * each at least the task's next attempt when started: the latest run is the last of the consecutive names from the
     * next attempt on, or else the highest name below it, or else the first run. Runs of other versions do not count.
     */
    @Override
    public WorkflowState state(Task task) {
        int next = task.attempts() + 1;
        Optional<WorkflowState> latest = describe(runName(task, next));
        if (latest.isPresent()) {
            for (int attempt = next + 1; attempt <= next + MAX_REDRIVES; attempt++) {
                Optional<WorkflowState> later = describe(runName(task, attempt));
                if (later.isEmpty()) {
                    return latest.get();
                }
                latest = later;
            }
            return latest.get();
        }
        for (int attempt = task.attempts(); attempt >= 1 && latest.isEmpty(); attempt--) {
            latest = describe(runName(task, attempt));
        }
        if (latest.isEmpty()) {
            latest = describe(firstRunName(task));
        }
        return latest.orElse(WorkflowState.MISSING);
    }

    /**
     * Stops every execution of the task's version that may be running: a re-drive for attempt {@code n} is started
     * once the task's attempts are {@code n - 1} and may since have claimed more, so the running one is the first run
     * or one for an attempt up to the task's next. Stopping one that ended or never started changes nothing. The first
     * run is stopped last. The runs of other versions are left alone: stopping the old version of a changed task does
     * not stop the new one.
     */
    @Override
    public void stop(Task task) {
        for (int attempt = task.attempts() + 1; attempt >= 1; attempt--) {
            stopExecution(executionArn(task, attempt));
        }
        stopExecution(executionArn(task));
    }

    private void stopExecution(String executionArn) {
        try {
            sfn.stopExecution(request ->
                    request.executionArn(executionArn).error(CANCELLED_ERROR).cause(CANCELLED_CAUSE));
        } catch (ExecutionDoesNotExistException neverStarted) {
            // Nothing runs under this name, which is what stopping wants.
        }
    }

    /** The ARN of the first execution of the task's version. */
    public String executionArn(Task task) {
        return stateMachine.executionArn(firstRunName(task));
    }

    /** The ARN of the execution that re-drives the task's version from attempt {@code attempt}. */
    public String executionArn(Task task, int attempt) {
        return stateMachine.executionArn(runName(task, attempt));
    }

    private Optional<WorkflowState> describe(String name) {
        try {
            ExecutionStatus status = sfn.describeExecution(
                            request -> request.executionArn(stateMachine.executionArn(name)))
                    .status();
            boolean running = status == ExecutionStatus.RUNNING || status == ExecutionStatus.PENDING_REDRIVE;
            return Optional.of(running ? WorkflowState.RUNNING : WorkflowState.CLOSED);
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** The name of the first run of the task's version: the id, and the version once the client changed the task. */
    static String firstRunName(Task task) {
        return task.version() == 0 ? task.id().toString() : task.id() + "-v" + task.version();
    }

    static String runName(Task task, int attempt) {
        return firstRunName(task) + "-a" + attempt;
    }

    /**
     * The execution's input: the state machine waits until {@code timestamp}, then runs version {@code version} of task
     * {@code id}, beginning with attempt number {@code attempt}.
     */
    static String input(Task task, int attempt) {
        return "{" + fields(task, attempt) + "}";
    }

    /**
     * The input of a first run in the Express state machine: that of the Standard one, and the name of the run, with
     * which it names the Standard execution it hands a retry over to.
     */
    static String expressInput(Task task) {
        return "{" + fields(task, task.attempts() + 1) + ",\"run\":" + Json.string(firstRunName(task)) + "}";
    }

    private static String fields(Task task, int attempt) {
        return "\"id\":" + Json.string(task.id().toString()) + ",\"timestamp\":"
                + Json.string(Timestamps.format(task.nextRunAt())) + ",\"attempt\":" + attempt + ",\"version\":"
                + task.version();
    }
}
