package dev.tasksservice.local.usage;

/**
 * The time a thread spent waiting in ways a deployed function does not: the executor's wait for the task's time (a
 * run wakes early here; on AWS the workflow's Wait state ends at the time) and a recording's wait for deliveries under
 * way. It is taken off a function's duration, so the Lambda milliseconds counted are the work alone.
 */
public final class WaitedTime {

    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

    private WaitedTime() {}

    /** Nanoseconds this thread has waited so far. */
    public static long soFar() {
        return NANOS.get()[0];
    }

    /** Runs {@code wait} and counts its time as waited. */
    public static <E extends Exception> void during(Wait<E> wait) throws E {
        long start = System.nanoTime();
        try {
            wait.run();
        } finally {
            NANOS.get()[0] += System.nanoTime() - start;
        }
    }

    /** A wait that may be interrupted. */
    @FunctionalInterface
    public interface Wait<E extends Exception> {
        void run() throws E;
    }
}
