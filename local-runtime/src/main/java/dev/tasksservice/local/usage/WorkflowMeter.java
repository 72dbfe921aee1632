package dev.tasksservice.local.usage;

import java.time.Duration;
import java.time.Instant;

/**
 * What the deployed workflows bill for the runs the local one makes: each attempt in the Standard workflow, or one run
 * in the Express workflow with its duration ({@code dev.tasksservice.aws.ExpressFirstRun} says which runs where).
 */
public interface WorkflowMeter {

    /** Counts nothing. */
    WorkflowMeter NONE = new WorkflowMeter() {
        @Override
        public void standardAttempt() {}

        @Override
        public void expressRun(Instant started, Instant due, Instant ended) {}
    };

    /** One attempt in the Standard workflow. */
    void standardAttempt();

    /** One Express execution, started at {@code started} for an attempt due at {@code due}, ended at {@code ended}. */
    void expressRun(Instant started, Instant due, Instant ended);

    /**
     * Counted into {@code usage}, an Express execution from when the deployed queue would have released its task: the
     * local runtime holds a task for less time ({@code tasks.local.dispatch-lead}) than the deployed queue ({@code
     * deployedLead}), so its one store can claim a crowd due at one instant; on AWS each execution starts when SQS
     * releases the message, {@code deployedLead} before the task's time.
     */
    static WorkflowMeter of(AwsUsage usage, Duration deployedLead) {
        return new WorkflowMeter() {
            @Override
            public void standardAttempt() {
                usage.add(AwsUsage.STATE_TRANSITIONS, AwsUsage.TRANSITIONS_PER_ATTEMPT);
            }

            @Override
            public void expressRun(Instant started, Instant due, Instant ended) {
                Instant released = due.minus(deployedLead);
                Duration duration = Duration.between(started.isAfter(released) ? started : released, ended);
                usage.add(AwsUsage.EXPRESS_REQUESTS, 1);
                // Express bills its duration in steps of 100 ms, rounded up.
                long steps = (Math.max(0, duration.toMillis()) + 99) / 100;
                usage.add(AwsUsage.EXPRESS_MILLIS, Math.max(1, steps) * 100);
            }
        };
    }
}
