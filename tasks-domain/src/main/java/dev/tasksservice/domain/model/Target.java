package dev.tasksservice.domain.model;

/**
 * Where a task is delivered when it falls due: an HTTP endpoint or a queue. A task without a target goes to the
 * deployment's default target, if it has one.
 */
public sealed interface Target permits HttpTarget, QueueTarget {

    /** The type name clients use: {@code http} or {@code sqs}. */
    String type();
}
