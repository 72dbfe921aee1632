package dev.tasksservice.domain.port.out;

/**
 * Durable storage of tasks: every capability a store adapter offers. Every change is conditional on the state it
 * expects. Use cases depend on the narrow capabilities they need.
 */
public interface TaskStore
        extends SaveNewTask,
                LoadTask,
                ChangeTaskStatus,
                ClaimAttempt,
                RecordAttempt,
                RescheduleWaitingTask,
                FindDueTasks,
                ListTasksByStatus {}
