package dev.tasksservice.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * A Node.js function at 128 MB that waits out the milliseconds of a task's time after the workflow's Wait state, which
 * ends on the whole second, up to {@value #HOP_MILLIS} ms before the time. The executor then sleeps only those last
 * milliseconds itself: a Java function at 1,024 MB sleeping half a second on average cost $8 per million tasks, this
 * one costs about $1. A few lines inline in the template, like the API key authorizer, so it starts in milliseconds.
 */
public class MillisecondWait extends Construct {

    /** The function's code, as the template carries it. */
    static final String SOURCE = "wait/millisecond-wait.js";

    /** How long before the task's time the function returns: Step Functions' hop to the executor, with room. */
    public static final int HOP_MILLIS = 100;

    public static final int MEMORY_MB = 128;

    private final Function function;

    public MillisecondWait(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        // The wait is under a second; the rest is Lambda's start.
        function = InlineNodeFunction.create(this, names, SOURCE, MEMORY_MB, Duration.seconds(5));
    }

    public Function function() {
        return function;
    }
}
