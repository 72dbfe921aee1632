package dev.tasksservice.domain;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A workflow that keeps which tasks it was asked to start, restart and stop, and whose runs a test can end. Like Step
 * Functions, it tells runs apart by name: the first run of each version of a task, and one more per attempt it is
 * restarted for.
 */
public final class RecordingWorkflow implements TaskWorkflow {

    private final List<UUID> started = new CopyOnWriteArrayList<>();
    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private final List<UUID> stopped = new CopyOnWriteArrayList<>();
    private final Map<String, WorkflowState> runs = new ConcurrentHashMap<>();
    private final Map<String, String> latest = new ConcurrentHashMap<>();

    private volatile java.util.function.Consumer<Task> onStart = task -> {};

    /** Runs {@code action} whenever a start is asked for, before the run is recorded: to stage races. */
    public void onStart(java.util.function.Consumer<Task> action) {
        this.onStart = action;
    }

    @Override
    public WorkflowState start(Task task) {
        onStart.accept(task);
        started.add(task.id());
        return run(task, base(task));
    }

    @Override
    public WorkflowState restart(Task task, int attempt) {
        restarts.add(base(task) + "-a" + attempt);
        return run(task, base(task) + "-a" + attempt);
    }

    /** The name of the first run of the task's version: the id, and the version once the client changed the task. */
    private static String base(Task task) {
        return task.version() == 0 ? task.id().toString() : task.id() + "-v" + task.version();
    }

    private WorkflowState run(Task task, String name) {
        WorkflowState before = runs.putIfAbsent(name, WorkflowState.RUNNING);
        if (before == null) {
            latest.put(base(task), name);
            return WorkflowState.RUNNING;
        }
        return before;
    }

    @Override
    public WorkflowState state(Task task) {
        String name = latest.get(base(task));
        return name == null ? WorkflowState.MISSING : runs.get(name);
    }

    @Override
    public void stop(Task task) {
        stopped.add(task.id());
        String name = latest.get(base(task));
        if (name != null) {
            runs.put(name, WorkflowState.CLOSED);
        }
    }

    /** Ends the latest run of the task's first version, as a run that finished, failed or was aborted does. */
    public void closeLatest(UUID taskId) {
        String name = latest.get(taskId.toString());
        if (name != null) {
            runs.put(name, WorkflowState.CLOSED);
        }
    }

    /** Forgets every run of the task, as a runtime that lost its timers does. */
    public void forget(UUID taskId) {
        String name = latest.remove(taskId.toString());
        if (name != null) {
            runs.remove(name);
        }
    }

    public List<UUID> started() {
        return List.copyOf(started);
    }

    /** The runs started by restarts, named {@code <task id>-a<attempt>}. */
    public List<String> restarts() {
        return List.copyOf(restarts);
    }

    public List<UUID> stopped() {
        return List.copyOf(stopped);
    }
}
