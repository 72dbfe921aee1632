package dev.tasksservice.infra;

import dev.tasksservice.schema.MetricsSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What tells an operator that the stage is unwell, and shows how it runs. Alarms: a message in the dead-letter queue,
 * a failed execution of either workflow (a task that ended FAILED fails its execution, so a target that keeps failing
 * raises it too), an Express execution that ran out of its five minutes, an
 * error or a throttle of any function, a task the recovery sweep found stuck IN_PROGRESS, and a lateness whose p99 is
 * over {@value #LATENESS_P99_MS} ms. With an address to mail ({@code alarmEmail} in the CDK context), an SNS topic
 * receives every alarm and its return to OK. A dashboard shows the lateness percentiles, the throughput, the queue's
 * depth and the errors. The service's own metrics are those of {@link MetricsSchema}, which the functions write to
 * their logs (EMF): nothing to grant for them.
 */
public class TasksMonitoring extends Construct {

    /** The period every alarm and graph looks at. */
    public static final Duration PERIOD = Duration.minutes(5);

    /** The lateness that 99 % of runs must stay under. */
    public static final int LATENESS_P99_MS = 1000;

    private final List<Alarm> alarms = new ArrayList<>();
    private final Topic topic;

    /**
     * @param functions every function of the stage, by the name its alarms carry
     * @param alarmEmail where to mail the alarms; null or blank for no topic
     */
    public TasksMonitoring(
            Construct scope,
            String id,
            ResourceNames names,
            DispatchQueues queues,
            TaskStateMachine workflow,
            ExpressTaskStateMachine expressWorkflow,
            Map<String, IFunction> functions,
            String alarmEmail) {
        super(scope, id);
        alarm(
                names,
                "DeadLetterQueueNotEmpty",
                "A dispatched task could not be started three times and waits in " + names.deadLetterQueue(),
                queues.deadLetterQueue()
                        .metricApproximateNumberOfMessagesVisible(
                                options("Maximum").build()),
                0);
        alarm(
                names,
                "ExecutionsFailed",
                "Executions of " + names.stateMachine() + " failed: tasks ended FAILED or their executor failed",
                workflow.stateMachine().metricFailed(options("Sum").build()),
                0);
        alarm(
                names,
                "ExpressExecutionsFailed",
                "Executions of " + names.expressStateMachine()
                        + " failed: tasks ended FAILED on their first attempt, their executor failed, or a retry could"
                        + " not be handed over",
                expressWorkflow.stateMachine().metricFailed(options("Sum").build()),
                0);
        // An Express execution ends after five minutes, whatever it was doing; the sweep settles its task.
        alarm(
                names,
                "ExpressExecutionsTimedOut",
                "Executions of " + names.expressStateMachine() + " ran out of their five minutes",
                expressWorkflow.stateMachine().metricTimedOut(options("Sum").build()),
                0);
        functions.forEach((name, function) -> {
            alarm(
                    names,
                    name + "Errors",
                    "The function " + name + " failed invocations",
                    function.metricErrors(options("Sum").build()),
                    0);
            alarm(
                    names,
                    name + "Throttles",
                    "Invocations of the function " + name + " were throttled",
                    function.metricThrottles(options("Sum").build()),
                    0);
        });
        alarm(
                names,
                "TasksStuck",
                "The recovery sweep found tasks IN_PROGRESS whose workflow had ended or was missing",
                serviceMetric(names, MetricsSchema.STUCK, "Sum"),
                0);
        alarm(
                names,
                "LatenessP99",
                "The p99 of how late tasks run is over " + LATENESS_P99_MS + " ms",
                serviceMetric(names, MetricsSchema.LATENESS, "p99"),
                LATENESS_P99_MS);

        if (alarmEmail != null && !alarmEmail.isBlank()) {
            topic = Topic.Builder.create(this, "AlarmTopic")
                    .topicName(names.alarmTopic())
                    .displayName("Tasks Service " + names.stage() + " alarms")
                    .build();
            topic.addSubscription(new EmailSubscription(alarmEmail.strip()));
            SnsAction notify = new SnsAction(topic);
            alarms.forEach(alarm -> {
                alarm.addAlarmAction(notify);
                alarm.addOkAction(notify);
            });
        } else {
            topic = null;
        }
        dashboard(names, queues, workflow, expressWorkflow, functions);
    }

    private void alarm(ResourceNames names, String what, String description, IMetric metric, int threshold) {
        alarms.add(Alarm.Builder.create(this, what)
                .alarmName(names.alarm(what))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                // No data is no trouble: no message, no run, no sweep in the period.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private void dashboard(
            ResourceNames names,
            DispatchQueues queues,
            TaskStateMachine workflow,
            ExpressTaskStateMachine expressWorkflow,
            Map<String, IFunction> functions) {
        GraphWidget lateness = GraphWidget.Builder.create()
                .title("Lateness (ms)")
                .left(List.of(
                        graphed(names, MetricsSchema.LATENESS, "p50"),
                        graphed(names, MetricsSchema.LATENESS, "p90"),
                        graphed(names, MetricsSchema.LATENESS, "p99")))
                .leftAnnotations(List.of(HorizontalAnnotation.builder()
                        .value(LATENESS_P99_MS)
                        .label("p99 alarm")
                        .build()))
                .width(12)
                .build();
        GraphWidget throughput = GraphWidget.Builder.create()
                .title("Tasks per " + PERIOD.toMinutes() + " min")
                .left(MetricsSchema.COUNTERS.stream()
                        .filter(name -> !name.equals(MetricsSchema.STUCK))
                        .map(name -> graphed(names, name, "Sum"))
                        .toList())
                .width(12)
                .build();
        GraphWidget queueDepth = GraphWidget.Builder.create()
                .title("Queue depth")
                .left(List.of(
                        queues.queue()
                                .metricApproximateNumberOfMessagesVisible(
                                        options("Maximum").label("waiting").build()),
                        queues.queue()
                                .metricApproximateNumberOfMessagesNotVisible(options("Maximum")
                                        .label("being started")
                                        .build()),
                        queues.deadLetterQueue()
                                .metricApproximateNumberOfMessagesVisible(
                                        options("Maximum").label("dead letters").build())))
                .width(12)
                .build();
        List<IMetric> errors = new ArrayList<>();
        errors.add(workflow.stateMachine()
                .metricFailed(options("Sum").label("executions failed").build()));
        errors.add(expressWorkflow
                .stateMachine()
                .metricFailed(options("Sum").label("express executions failed").build()));
        errors.add(expressWorkflow
                .stateMachine()
                .metricTimedOut(
                        options("Sum").label("express executions timed out").build()));
        errors.add(graphed(names, MetricsSchema.STUCK, "Sum"));
        functions.forEach((name, function) -> {
            errors.add(
                    function.metricErrors(options("Sum").label(name + " errors").build()));
            errors.add(function.metricThrottles(
                    options("Sum").label(name + " throttles").build()));
        });
        GraphWidget errorsWidget = GraphWidget.Builder.create()
                .title("Errors")
                .left(errors)
                .width(12)
                .build();
        GraphWidget calls = GraphWidget.Builder.create()
                .title("Store and target calls, p99 (ms)")
                .left(List.of(
                        graphed(names, MetricsSchema.STORE_LATENCY, "p99"),
                        graphed(names, MetricsSchema.TARGET_LATENCY, "p99")))
                .width(12)
                .build();
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(names.dashboard())
                .widgets(List.of(List.of(lateness, throughput), List.of(queueDepth, errorsWidget), List.of(calls)))
                .build();
    }

    /** A metric the service writes, for this stage. */
    static Metric serviceMetric(ResourceNames names, String name, String statistic) {
        return Metric.Builder.create()
                .namespace(MetricsSchema.NAMESPACE)
                .metricName(name)
                .dimensionsMap(new LinkedHashMap<>(Map.of(MetricsSchema.STAGE_DIMENSION, names.stage())))
                .statistic(statistic)
                .period(PERIOD)
                .build();
    }

    /** The same, labelled for a graph (an alarm on a labelled metric would be written as metric math). */
    static IMetric graphed(ResourceNames names, String name, String statistic) {
        return serviceMetric(names, name, statistic)
                .with(MetricOptions.builder().label(name + " " + statistic).build());
    }

    private static MetricOptions.Builder options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD);
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The topic the alarms notify, or null when no address was given. */
    public Topic topic() {
        return topic;
    }
}
