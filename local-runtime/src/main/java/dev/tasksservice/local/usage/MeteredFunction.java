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

    private MeteredFunction(String name, Function<I, O> function, AwsUsage usage) {
        this.name = name;
        this.function = function;
        this.usage = usage;
    }

    /** {@code function}, counted as Lambda function {@code name}. */
    public static <I, O> Function<I, O> of(String name, Function<I, O> function, AwsUsage usage) {
        return new MeteredFunction<>(name, function, usage);
    }

    @Override
    public O apply(I input) {
        long start = System.nanoTime();
        long waitedBefore = WaitedTime.soFar();
        try {
            return function.apply(input);
        } finally {
            long waited = WaitedTime.soFar() - waitedBefore;
            usage.invoked(name, (System.nanoTime() - start - waited) / 1_000_000);
        }
    }
}
