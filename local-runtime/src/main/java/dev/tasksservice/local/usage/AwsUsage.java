package dev.tasksservice.local.usage;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the local runtime did, counted as the AWS calls and units the same work costs when deployed: DynamoDB request
 * and capacity units, SQS requests, Step Functions state transitions and Express executions, Lambda invocations and their milliseconds, API
 * Gateway requests. The bench reads it before and after a run and prices the difference per task.
 */
public final class AwsUsage {

    public static final String DYNAMODB_WRITE_UNITS = "dynamodb.writeUnits";
    public static final String DYNAMODB_INDEX_WRITE_UNITS = "dynamodb.indexWriteUnits";
    /** Read units in thousandths: an eventually consistent read of up to 4 KB is half a unit. */
    public static final String DYNAMODB_READ_MILLIUNITS = "dynamodb.readUnits.thousandths";

    public static final String SQS_REQUESTS = "sqs.requests";
    /** Long polls that found nothing: a fixed cost of the pollers, not one of any task. */
    public static final String SQS_EMPTY_RECEIVES = "sqs.emptyReceives";

    /** Standard workflow state transitions. */
    public static final String STATE_TRANSITIONS = "stepfunctions.transitions";
    /**
     * The states a Standard workflow enters for one attempt of a task: WaitUntilDue, ExecuteTask, AfterAttempt, and then
     * TaskDone or TaskFailed at the end or NextAttempt before the next one (see the README's state machine).
     */
    public static final int TRANSITIONS_PER_ATTEMPT = 4;
    /** Express workflow executions started. */
    public static final String EXPRESS_REQUESTS = "stepfunctions.express.requests";
    /** Their billed duration, in milliseconds (steps of 100 ms). */
    public static final String EXPRESS_MILLIS = "stepfunctions.express.millis";
    /** API requests that change tasks (POST, PATCH, DELETE). */
    public static final String API_REQUESTS = "apigateway.requests";
    /** API requests that read (GET, HEAD). */
    public static final String API_READ_REQUESTS = "apigateway.readRequests";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String name, long amount) {
        counts.computeIfAbsent(name, key -> new LongAdder()).add(amount);
    }

    /** One invocation of {@code function} that took {@code millis}, as Lambda bills it (rounded up to 1 ms). */
    public void invoked(String function, long millis) {
        add(invocations(function), 1);
        add(millis(function), Math.max(1, millis));
    }

    public static String invocations(String function) {
        return "lambda." + function + ".invocations";
    }

    public static String millis(String function) {
        return "lambda." + function + ".millis";
    }

    public static String dynamoDbRequests(String operation) {
        return "dynamodb.requests." + operation;
    }

    /** Every count so far, by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }
}
