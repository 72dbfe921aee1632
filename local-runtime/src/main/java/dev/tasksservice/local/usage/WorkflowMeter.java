package dev.tasksservice.local.usage;

import java.time.Duration;

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
        public void expressRun(Duration duration) {}
    };

    /** One attempt in the Standard workflow. */
    void standardAttempt();

    /** One Express execution, from its start to its end. */
    void expressRun(Duration duration);

    /** Counted into {@code usage}. */
    static WorkflowMeter of(AwsUsage usage) {
        return new WorkflowMeter() {
            @Override
            public void standardAttempt() {
                usage.add(AwsUsage.STATE_TRANSITIONS, AwsUsage.TRANSITIONS_PER_ATTEMPT);
            }

            @Override
            public void expressRun(Duration duration) {
                usage.add(AwsUsage.EXPRESS_REQUESTS, 1);
                // Express bills its duration in steps of 100 ms, rounded up.
                long steps = (duration.toMillis() + 99) / 100;
                usage.add(AwsUsage.EXPRESS_MILLIS, Math.max(1, steps) * 100);
            }
        };
    }
}
