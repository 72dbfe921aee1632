package dev.tasksservice.domain.schedule;

import dev.tasksservice.domain.model.Task;

/** The task a schedule request refers to, and whether this request created it or replayed an earlier one. */
public record ScheduleResult(Task task, boolean created) {}
