package dev.tasksservice.local.usage;

import java.util.function.Function;

/**
 * A function of the functions jar, counted as a Lambda invocation with its duration each time the runtime calls it;
 * the time it waited in ways a deployed function does not ({@link WaitedTime}) is left out.
 */
public final class MeteredFunction<I, O> implements Function<I, O> {

    private final String name;
    private final Function<I, O> function;
    private final AwsUsage usage;
    private final int transitionsPerCall;

    private MeteredFunction(String name, Function<I, O> function, AwsUsage usage, int transitionsPerCall) {
        this.name = name;
        this.function = function;
        this.usage = usage;
        this.transitionsPerCall = transitionsPerCall;
    }

    /** {@code function}, counted as Lambda function {@code name}. */
    public static <I, O> Function<I, O> of(String name, Function<I, O> function, AwsUsage usage) {
        return new MeteredFunction<>(name, function, usage, 0);
    }

    /**
     * The task executor, counted as a Lambda invocation and as the state transitions of the task's workflow around
     * it. The deployed state machine enters four states for each attempt: WaitUntilDue, ExecuteTask, AfterAttempt, and
     * then TaskDone or TaskFailed at the end or NextAttempt before the next one (see the README's state machine).
     */
    public static <I, O> Function<I, O> executor(String name, Function<I, O> function, AwsUsage usage) {
        return new MeteredFunction<>(name, function, usage, TRANSITIONS_PER_ATTEMPT);
    }

    /** The states a Standard workflow enters for one attempt of a task. */
    public static final int TRANSITIONS_PER_ATTEMPT = 4;

    @Override
    public O apply(I input) {
        long start = System.nanoTime();
        long waitedBefore = WaitedTime.soFar();
        try {
            return function.apply(input);
        } finally {
            long waited = WaitedTime.soFar() - waitedBefore;
            usage.invoked(name, (System.nanoTime() - start - waited) / 1_000_000);
            if (transitionsPerCall > 0) {
                usage.add(AwsUsage.STATE_TRANSITIONS, transitionsPerCall);
            }
        }
    }
}
