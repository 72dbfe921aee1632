package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.schema.MetricsSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alarms that tell an operator the stage is unwell, who they notify, and the dashboard. */
class TasksMonitoringTest {

    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private final Template template = SynthesizedStack.template();

    @Test
    void aDeadLetterRaisesAnAlarm() {
        String deadLetterQueue =
                SynthesizedStack.logicalIdWhere(template, "AWS::SQS::Queue", "QueueName", "tasksQueue-dev-dlq");

        template.hasResourceProperties(
                ALARM,
                Map.of(
                        "AlarmName", "tasksDeadLetterQueueNotEmpty-dev",
                        "Namespace", "AWS/SQS",
                        "MetricName", "ApproximateNumberOfMessagesVisible",
                        "Dimensions",
                                List.of(Map.of(
                                        "Name",
                                        "QueueName",
                                        "Value",
                                        Map.of("Fn::GetAtt", List.of(deadLetterQueue, "QueueName")))),
                        "Statistic", "Maximum",
                        "ComparisonOperator", "GreaterThanThreshold",
                        "Threshold", 0));
    }

    @Test
    void aFailedExecutionOfEitherStateMachineOrAnExpressOneThatTimedOutRaisesAnAlarm() {
        String standard = SynthesizedStack.standardStateMachine(template);
        String express = SynthesizedStack.expressStateMachine(template);

        for (List<String> alarm : List.of(
                List.of("tasksExecutionsFailed-dev", standard, "ExecutionsFailed"),
                List.of("tasksExpressExecutionsFailed-dev", express, "ExecutionsFailed"),
                List.of("tasksExpressExecutionsTimedOut-dev", express, "ExecutionsTimedOut"))) {
            template.hasResourceProperties(
                    ALARM,
                    Map.of(
                            "AlarmName",
                            alarm.get(0),
                            "Namespace",
                            "AWS/States",
                            "MetricName",
                            alarm.get(2),
                            "Dimensions",
                            List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", alarm.get(1)))),
                            "Statistic",
                            "Sum",
                            "ComparisonOperator",
                            "GreaterThanThreshold",
                            "Threshold",
                            0));
        }
    }

    @Test
    void everyFunctionsErrorsAndThrottlesRaiseAnAlarm() {
        Collection<String> functions =
                SynthesizedStack.resources(template, "AWS::Lambda::Function").keySet();
        assertThat(functions).hasSize(6);

        for (String function : functions) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(template.findResources(
                                ALARM,
                                Map.of(
                                        "Properties",
                                        Map.of(
                                                "Namespace",
                                                "AWS/Lambda",
                                                "MetricName",
                                                metric,
                                                "Dimensions",
                                                List.of(Map.of(
                                                        "Name", "FunctionName", "Value", Map.of("Ref", function))),
                                                "Statistic",
                                                "Sum",
                                                "Threshold",
                                                0))))
                        .as("%s alarm of %s", metric, function)
                        .hasSize(1);
            }
        }
    }

    @Test
    void aStuckTaskRaisesAnAlarmOnTheServicesOwnMetric() {
        template.hasResourceProperties(
                ALARM,
                Map.of(
                        "AlarmName",
                        "tasksTasksStuck-dev",
                        "Namespace",
                        MetricsSchema.NAMESPACE,
                        "MetricName",
                        MetricsSchema.STUCK,
                        "Dimensions",
                        List.of(Map.of("Name", MetricsSchema.STAGE_DIMENSION, "Value", "dev")),
                        "Statistic",
                        "Sum",
                        "ComparisonOperator",
                        "GreaterThanThreshold",
                        "Threshold",
                        0));
    }

    @Test
    void aLatenessP99OverOneSecondRaisesAnAlarm() {
        template.hasResourceProperties(
                ALARM,
                Map.of(
                        "AlarmName",
                        "tasksLatenessP99-dev",
                        "Namespace",
                        MetricsSchema.NAMESPACE,
                        "MetricName",
                        MetricsSchema.LATENESS,
                        "Dimensions",
                        List.of(Map.of("Name", MetricsSchema.STAGE_DIMENSION, "Value", "dev")),
                        "ExtendedStatistic",
                        "p99",
                        "Period",
                        300,
                        "ComparisonOperator",
                        "GreaterThanThreshold",
                        "Threshold",
                        1000));
    }

    @Test
    void withoutAnAddressThereIsNoTopicAndTheAlarmsNotifyNobody() {
        template.resourceCountIs(ALARM, 18);
        template.resourceCountIs("AWS::SNS::Topic", 0);
        assertThat(template.findResources(ALARM, Map.of("Properties", Map.of("AlarmActions", Match.anyValue()))))
                .isEmpty();
    }

    @Test
    void withAnAddressEveryAlarmAndItsReturnToOkAreMailed() {
        Template mailed = SynthesizedStack.withAlarmEmail("ops@example.com");
        String topic = SynthesizedStack.onlyLogicalId(mailed, "AWS::SNS::Topic");
        mailed.hasResourceProperties(
                "AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic)));

        Map<String, Map<String, Object>> alarms = mailed.findResources(ALARM);
        assertThat(alarms).hasSize(18);
        alarms.forEach((id, alarm) -> assertThat(SynthesizedStack.properties(alarm))
                .as(id)
                .containsEntry("AlarmActions", List.of(Map.of("Ref", topic)))
                .containsEntry("OKActions", List.of(Map.of("Ref", topic))));
    }

    @Test
    void theDashboardShowsLatenessPercentilesThroughputQueueDepthAndErrors() {
        Map<String, Object> dashboard =
                SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::CloudWatch::Dashboard")
                        .get(SynthesizedStack.onlyLogicalId(template, "AWS::CloudWatch::Dashboard")));
        assertThat(dashboard).containsEntry("DashboardName", "tasksService-dev");
        String body = String.join("", strings(dashboard.get("DashboardBody")));

        assertThat(body)
                .contains("\"title\":\"Lateness (ms)\"")
                .contains("[\"TasksService\",\"tasks.lateness\",\"Stage\",\"dev\",{\"label\":\"tasks.lateness p50\"")
                .contains("\"stat\":\"p99\"")
                .contains("\"title\":\"Tasks per 5 min\"")
                .contains("\"tasks.scheduled\"", "\"tasks.dispatched\"", "\"tasks.run\"", "\"tasks.failed\"")
                .contains("\"title\":\"Queue depth\"")
                .contains("\"AWS/SQS\",\"ApproximateNumberOfMessagesVisible\"")
                .contains("\"title\":\"Errors\"")
                .contains("\"AWS/Lambda\",\"Errors\"", "\"AWS/States\",\"ExecutionsFailed\"");
    }

    /** The literal strings of a template value, in order (a dashboard body is an Fn::Join of them and references). */
    private static List<String> strings(Object value) {
        List<String> found = new ArrayList<>();
        if (value instanceof String text) {
            found.add(text);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> found.addAll(strings(inner)));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> found.addAll(strings(inner)));
        }
        return found;
    }
}
