package dev.tasksservice.client;

import java.net.URI;

/**
 * What {@code POST /tasks} answered.
 *
 * @param location the task's URL, from the Location header, resolved against the client's base URL (behind API
 *     Gateway it carries the stage)
 * @param replayed true when the answer is the task an earlier request with the same {@code Idempotency-Key} created
 *     (header {@code Idempotent-Replayed}), so nothing was created this time
 */
public record CreatedTask(Task task, URI location, boolean replayed) {}
