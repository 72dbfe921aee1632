package dev.tasksservice.infra.asdeployed;

/**
 * The outcome of one invocation, as Lambda reports it to its caller.
 *
 * @param ok whether the handler returned normally
 * @param body the handler's output when it did; Lambda's error document otherwise
 * @param errorType the class name of the exception the handler threw, or null
 * @param errorMessage its message, or null
 */
public record Invocation(boolean ok, String body, String errorType, String errorMessage) {}
