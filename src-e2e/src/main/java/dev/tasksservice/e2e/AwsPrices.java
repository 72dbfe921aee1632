package dev.tasksservice.e2e;

import java.util.Map;

/**
 * The published us-east-1 prices the bench multiplies the counted usage by (on-demand, x86 Lambda, Standard
 * and Express workflows, REST API), and the memory each function has in the stack. The one place to change them.
 */
final class AwsPrices {

    static final double STATE_TRANSITION = 25.00 / 1e6;
    static final double EXPRESS_REQUEST = 1.00 / 1e6;
    static final double EXPRESS_GB_SECOND = 0.00001667;
    /** Express workflows bill memory in steps of 64 MB; a task's execution holds a few kilobytes. */
    static final int EXPRESS_MB = 64;

    static final double API_GATEWAY_REQUEST = 3.50 / 1e6;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_GB_SECOND = 0.0000166667;
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;
    static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;
    static final double SQS_REQUEST = 0.40 / 1e6;

    /** The Java functions' memory (LiveJavaFunction in the stack); the authorizer and the millisecond wait are
     * Node.js with 128 MB. */
    static final int JAVA_FUNCTION_MB = 1024;

    private static final Map<String, Integer> MEMORY_MB = Map.of("apiKeyAuthorizer", 128, "millisecondWait", 128);

    private AwsPrices() {}

    static int memoryMb(String function) {
        return MEMORY_MB.getOrDefault(function, JAVA_FUNCTION_MB);
    }
}
