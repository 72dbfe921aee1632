package dev.tasksservice.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task costs on AWS, from the usage a local runtime counted while it ran {@code tasks} tasks (its AwsUsage),
 * priced by {@link AwsPrices}: one line per part, in dollars per million tasks.
 */
final class TaskCost {

    // The names the local runtime counts under (its AwsUsage); a test holds the two together.
    static final String STATE_TRANSITIONS = "stepfunctions.transitions";
    static final String EXPRESS_REQUESTS = "stepfunctions.express.requests";
    static final String EXPRESS_MILLIS = "stepfunctions.express.millis";
    static final String API_REQUESTS = "apigateway.requests";
    static final String DYNAMODB_WRITE_UNITS = "dynamodb.writeUnits";
    static final String DYNAMODB_INDEX_WRITE_UNITS = "dynamodb.indexWriteUnits";
    static final String DYNAMODB_READ_MILLIUNITS = "dynamodb.readUnits.thousandths";
    static final String SQS_REQUESTS = "sqs.requests";
    static final String INVOCATIONS = ".invocations";
    static final String MILLIS = ".millis";

    private final Map<String, Long> usage;
    private final long tasks;
    private final List<Part> parts = new ArrayList<>();

    /** A part of the bill: what a task uses of it, and what that costs per million tasks. */
    record Part(String name, String perTask, double dollarsPerMillion) {}

    private TaskCost(Map<String, Long> usage, long tasks) {
        this.usage = usage;
        this.tasks = tasks;
        price();
    }

    /** The cost of the usage counted between {@code before} and {@code after}, for {@code tasks} tasks. */
    static TaskCost between(Map<String, Long> before, Map<String, Long> after, long tasks) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("tasks must be positive");
        }
        Map<String, Long> spent = new TreeMap<>();
        after.forEach((name, count) -> spent.put(name, count - before.getOrDefault(name, 0L)));
        return new TaskCost(spent, tasks);
    }

    long tasks() {
        return tasks;
    }

    List<Part> parts() {
        return List.copyOf(parts);
    }

    double dollarsPerMillion() {
        return parts.stream().mapToDouble(Part::dollarsPerMillion).sum();
    }

    private void price() {
        double transitions = perTask(STATE_TRANSITIONS);
        add(
                "Step Functions Standard",
                "%.2f state transitions".formatted(transitions),
                transitions,
                AwsPrices.STATE_TRANSITION);
        double expressRuns = perTask(EXPRESS_REQUESTS);
        double expressSeconds = perTask(EXPRESS_MILLIS) / 1000;
        parts.add(new Part(
                "Step Functions Express",
                "%.2f executions, %.2f s".formatted(expressRuns, expressSeconds),
                (expressRuns * AwsPrices.EXPRESS_REQUEST
                                + expressSeconds * AwsPrices.EXPRESS_MB / 1024 * AwsPrices.EXPRESS_GB_SECOND)
                        * 1e6));
        double requests = perTask(API_REQUESTS);
        add("API Gateway REST", "%.2f requests".formatted(requests), requests, AwsPrices.API_GATEWAY_REQUEST);
        double writes = perTask(DYNAMODB_WRITE_UNITS);
        double indexWrites = perTask(DYNAMODB_INDEX_WRITE_UNITS);
        add(
                "DynamoDB writes",
                "%.2f table + %.2f index write units".formatted(writes, indexWrites),
                writes + indexWrites,
                AwsPrices.DYNAMODB_WRITE_UNIT);
        double reads = perTask(DYNAMODB_READ_MILLIUNITS) / 1000;
        add("DynamoDB reads", "%.2f read units".formatted(reads), reads, AwsPrices.DYNAMODB_READ_UNIT);
        Map<String, Double> invocations = functions(INVOCATIONS);
        double calls =
                invocations.values().stream().mapToDouble(Double::doubleValue).sum();
        add(
                "Lambda requests",
                "%.2f (%s)".formatted(calls, each(invocations, "%.2f")),
                calls,
                AwsPrices.LAMBDA_REQUEST);
        Map<String, Double> millis = functions(MILLIS);
        double gbSeconds = 0;
        Map<String, Double> msPerCall = new TreeMap<>();
        for (Map.Entry<String, Double> function : millis.entrySet()) {
            gbSeconds += function.getValue() / 1000 * AwsPrices.memoryMb(function.getKey()) / 1024;
            double perCall = invocations.getOrDefault(function.getKey(), 0.0);
            msPerCall.put(function.getKey(), perCall == 0 ? 0 : function.getValue() / perCall);
        }
        add(
                "Lambda compute",
                "%.4f GB-s (ms a call: %s)".formatted(gbSeconds, each(msPerCall, "%.0f")),
                gbSeconds,
                AwsPrices.LAMBDA_GB_SECOND);
        double sqs = perTask(SQS_REQUESTS);
        add("SQS", "%.2f requests".formatted(sqs), sqs, AwsPrices.SQS_REQUEST);
    }

    private void add(String name, String perTask, double quantity, double price) {
        parts.add(new Part(name, perTask, quantity * price * 1e6));
    }

    private double perTask(String name) {
        return (double) usage.getOrDefault(name, 0L) / tasks;
    }

    /** Per function, the named count per task. */
    private Map<String, Double> functions(String suffix) {
        Map<String, Double> byFunction = new TreeMap<>();
        usage.forEach((name, count) -> {
            if (name.startsWith("lambda.") && name.endsWith(suffix)) {
                String function = name.substring("lambda.".length(), name.length() - suffix.length());
                byFunction.put(function, (double) count / tasks);
            }
        });
        return byFunction;
    }

    private static String each(Map<String, Double> values, String format) {
        List<String> parts = new ArrayList<>();
        values.forEach((name, value) -> parts.add(name + " " + String.format(Locale.ROOT, format, value)));
        return String.join(", ", parts);
    }

    /** The table the bench prints. */
    String render() {
        ReportTable table = new ReportTable("part", List.of("per task", "$ per million tasks"));
        parts.forEach(part -> table.row(
                part.name(), List.of(part.perTask(), String.format(Locale.ROOT, "%.2f", part.dollarsPerMillion()))));
        table.row("total", List.of("", String.format(Locale.ROOT, "%.2f", dollarsPerMillion())));
        return table.render();
    }
}
