package dev.tasksservice.local;

import dev.tasksservice.domain.RunningTaskWorkflowContract;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.functions.TaskExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The workflow contract against the local runtime's in-process timers, whose executor here records each call. Its
 * timers are the thing under test, so these tests wait for them: tasks due a few hundred milliseconds ahead, retries
 * 200 ms apart. It forgets a run once it ended: an ended run is MISSING, never CLOSED.
 */
class LocalTimerWorkflowIT extends RunningTaskWorkflowContract {

    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(200), 1.0);
    private static final Duration WAKE_LEAD = Duration.ofMillis(50);

    private final List<ExecutorCall> calls = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> failing = new ConcurrentHashMap<>();
    private LocalTimerWorkflow local;

    @Override
    protected TaskWorkflow newWorkflow() {
        local = new LocalTimerWorkflow(this::execute, POLICY, WAKE_LEAD, Clock.systemUTC());
        return local;
    }

    @AfterEach
    void closeWorkflow() {
        local.close();
    }

    private TaskExecutor.Result execute(TaskExecutor.Input input) {
        UUID id = UUID.fromString(input.id());
        String cause = input.failure() == null ? null : input.failure().cause();
        calls.add(new ExecutorCall(id, input.timestamp(), input.attemptNumber(), cause, Instant.now()));
        if (cause == null && failing.containsKey(id)) {
            throw new IllegalStateException(failing.get(id));
        }
        return new TaskExecutor.Result(input.id(), cause == null, null, null);
    }

    @Override
    protected WorkflowState endedState() {
        return WorkflowState.MISSING;
    }

    @Override
    protected RetryPolicy retryPolicy() {
        return POLICY;
    }

    @Override
    protected Duration wakeLead() {
        return WAKE_LEAD;
    }

    @Override
    protected Duration dueSoon() {
        return Duration.ofMillis(300);
    }

    @Override
    protected List<ExecutorCall> executorCalls() {
        return List.copyOf(calls);
    }

    @Override
    protected void failAttemptsOf(UUID taskId, String message) {
        failing.put(taskId, message);
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(5);
    }
}
