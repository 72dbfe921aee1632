package dev.tasksservice.infra.asdeployed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The EventBridge rule {@code rate(1 minute)}: invokes the poller with the Scheduled Event that EventBridge sends. */
final class ScheduledRule {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LambdaProcess poller;

    ScheduledRule(LambdaProcess poller) {
        this.poller = poller;
    }

    /** One firing of the rule; answers the poller's result. */
    JsonNode fire() {
        String event = """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events",
                "account":"%s","time":"%s","region":"%s",
                "resources":["arn:aws:events:%s:%s:rule/TasksServiceStack-dev-PollEveryMinute"],"detail":{}}
                """.formatted(
                        UUID.randomUUID(),
                        CloudFormationTemplate.ACCOUNT,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        CloudFormationTemplate.REGION,
                        CloudFormationTemplate.REGION,
                        CloudFormationTemplate.ACCOUNT);
        Invocation invocation = poller.invoke(event);
        if (!invocation.ok()) {
            throw new AssertionError("the poller failed: " + invocation);
        }
        return JSON.readTree(invocation.body());
    }
}
