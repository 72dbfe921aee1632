package dev.tasksservice.domain.model;

import java.util.EnumSet;
import java.util.Set;

/** Where a task is in its life. The allowed moves between statuses are defined here and nowhere else. */
public enum TaskStatus {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** Whether a task in this status may move to {@code next}. */
    public boolean canMoveTo(TaskStatus next) {
        return successors().contains(next);
    }

    /** A final status has no successor: the task will never change again. */
    public boolean isFinal() {
        return successors().isEmpty();
    }

    private Set<TaskStatus> successors() {
        return switch (this) {
            case SCHEDULED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }
}
