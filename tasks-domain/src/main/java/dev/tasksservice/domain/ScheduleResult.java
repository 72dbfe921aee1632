package dev.tasksservice.domain;

/** The task a schedule request refers to, and whether this request created it or replayed an earlier one. */
public record ScheduleResult(Task task, boolean created) {}
