package dev.tasksservice.domain.port.out;

import java.time.Duration;

/**
 * What the use cases tell the outside world as things happen, to be counted and timed: tasks created, dispatched, run
 * (with how late), retried, failed, cancelled, rescheduled, and stuck tasks the recovery sweep found. The calls of the
 * store and of the targets are timed by the runtimes around those ports. An adapter records; it never throws into a
 * use case. {@link #NONE} records nothing.
 */
public interface TaskMetrics {

    /** Records nothing: for a runtime without metrics, and the use cases' default. */
    TaskMetrics NONE = new TaskMetrics() {
        @Override
        public void created() {}

        @Override
        public void dispatched(int count) {}

        @Override
        public void ran(Duration lateness) {}

        @Override
        public void retried() {}

        @Override
        public void failed() {}

        @Override
        public void cancelled() {}

        @Override
        public void rescheduled() {}

        @Override
        public void stuck(int count) {}

        @Override
        public void storeCalled(String operation, Duration took) {}

        @Override
        public void targetCalled(Duration took) {}
    };

    /** A task was stored (an idempotent repeat creates nothing and is not counted). */
    void created();

    /** {@code count} tasks went to the dispatch queue: by the poller, or at once when due within the lookahead. */
    void dispatched(int count);

    /**
     * An attempt began its delivery {@code lateness} after the instant it was due: for the first attempt, its
     * executedAt minus the task's timestamp.
     */
    void ran(Duration lateness);

    /** An attempt failed and another follows. */
    void retried();

    /** A task ended FAILED: its attempts used up, refused by its target, or its workflow lost with none left. */
    void failed();

    /** A client cancelled a task. */
    void cancelled();

    /** A client changed a task that waits. */
    void rescheduled();

    /**
     * A recovery sweep found {@code count} tasks stuck IN_PROGRESS, whose workflow had ended or was missing; called
     * once per sweep, with 0 when it found none.
     */
    void stuck(int count);

    /** One call of the task store, {@code operation} naming the method, took {@code took}. */
    void storeCalled(String operation, Duration took);

    /** One delivery to a task's target took {@code took}, whatever it answered. */
    void targetCalled(Duration took);

    /**
     * Hands on what was recorded since the last flush, for an adapter that writes at the end of an invocation;
     * the runtimes call it there. Nothing for the others.
     */
    default void flush() {}
}
