package dev.tasksservice.aws;

import java.util.Arrays;

/**
 * A Step Functions state machine ARN, {@code arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME[:VERSION_OR_ALIAS]},
 * and the ARNs of its executions, which Step Functions derives from it and the execution's name.
 */
record StateMachineArn(String value) {

    private static final int SEGMENTS = 7;

    StateMachineArn {
        String[] segments = value == null ? new String[0] : value.split(":", -1);
        boolean valid = (segments.length == SEGMENTS || segments.length == SEGMENTS + 1)
                && segments[0].equals("arn")
                && segments[2].equals("states")
                && segments[5].equals("stateMachine")
                && Arrays.stream(segments).noneMatch(String::isEmpty);
        if (!valid) {
            throw new IllegalArgumentException("Not a Step Functions state machine ARN: " + value);
        }
    }

    /** The ARN of the execution named {@code executionName}; a version or alias qualifier is not part of it. */
    String executionArn(String executionName) {
        String[] segments = value.split(":", -1);
        return String.join(
                ":", "arn", segments[1], "states", segments[3], segments[4], "execution", segments[6], executionName);
    }
}
