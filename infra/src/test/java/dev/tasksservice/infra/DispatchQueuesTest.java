package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class DispatchQueuesTest {

    private final Template template = SynthesizedStack.template();

    @Test
    void queueHandsAMessageToItsDeadLetterQueueAfterThreeReceives() {
        template.resourceCountIs("AWS::SQS::Queue", 2);
        String deadLetterQueue = logicalIdOfQueue("tasksQueue-dev-dlq");

        template.hasResourceProperties(
                "AWS::SQS::Queue",
                Map.of(
                        "QueueName",
                        "tasksQueue-dev",
                        "RedrivePolicy",
                        Map.of(
                                "deadLetterTargetArn",
                                Map.of("Fn::GetAtt", List.of(deadLetterQueue, "Arn")),
                                "maxReceiveCount",
                                3)));
    }

    @Test
    void messageStaysHiddenForSixConsumerTimeouts() {
        Map<String, Object> queue = SynthesizedStack.properties(
                SynthesizedStack.resources(template, "AWS::SQS::Queue").get(logicalIdOfQueue("tasksQueue-dev")));

        assertThat(((Number) queue.get("VisibilityTimeout")).intValue())
                .isGreaterThanOrEqualTo(
                        6 * SchedulerFunctions.CONSUMER_TIMEOUT.toSeconds().intValue())
                .isEqualTo(180);
    }

    private String logicalIdOfQueue(String name) {
        return SynthesizedStack.logicalIdWhere(template, "AWS::SQS::Queue", "QueueName", name);
    }
}
