package dev.tasksservice.client;

/** What became of one attempt to deliver a task. */
public enum AttemptOutcome {
    /** The target took the task. */
    SUCCEEDED,
    /** The attempt failed in a way worth retrying: a 408, 425, 429 or 5xx, a timeout, a connection error. */
    FAILED,
    /** The target refused the task (any other 4xx): no retry follows. */
    REFUSED
}
