package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Every AWS call each deployed function makes is allowed by its role in the template (action and resource ARN), and
 * every action its role grants is used by some path of that function. The paths are driven here, so the check does not
 * depend on which other tests ran; calls made by other tests in this JVM are checked too.
 */
@Timeout(300)
class DeployedPermissionsIT extends TasksAsDeployed {

    /**
     * Granted for the platform, not for the function's code: the Lambda runtime writes the function's logs, and the
     * SQS event source mapping receives and deletes the consumer's messages with the consumer's role.
     */
    private static final Set<String> USED_BY_THE_PLATFORM = Set.of(
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl");

    @Test
    void everyCallIsAllowedAndEveryGrantedActionIsUsed() throws Exception {
        driveEveryPath();

        List<String> problems = new ArrayList<>();
        deployment.functions().forEach((function, process) -> {
            RolePolicy policy = RolePolicy.of(deployment.template(), function);
            Set<String> used = new LinkedHashSet<>();
            for (AwsCall call : process.calls()) {
                String action = RolePolicy.actionOf(call);
                String resource = RolePolicy.resourceArnOf(call);
                used.add(action);
                if (!policy.allows(action, resource)) {
                    problems.add(function + " calls " + action + " on " + resource + ", which its role does not allow");
                }
            }
            policy.grants().stream()
                    .map(RolePolicy.Grant::action)
                    .distinct()
                    .filter(action -> !USED_BY_THE_PLATFORM.contains(action) && !used.contains(action))
                    .forEach(action ->
                            problems.add(function + "'s role grants " + action + ", which none of its paths uses"));
        });

        assertThat(problems).isEmpty();
    }

    @Test
    void theApiKeyAuthorizerMayOnlyWriteItsLogs() {
        // Its code calls no AWS API (ApiKeyAuthorizerTest runs it; the gateway here calls it on every request).
        RolePolicy policy = RolePolicy.of(deployment.template(), deployment.apiKeyAuthorizer());

        assertThat(policy.grants())
                .extracting(RolePolicy.Grant::action)
                .containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
    }

    private void driveEveryPath() throws InterruptedException {
        // API: create (with the fast path to the queue), read, list, cancel before and after the hand-over.
        JsonNode soon = schedule("{\"seconds\":5}");
        get(soon);
        assertThat(api.send("GET", "/tasks?status=SCHEDULED", null).status()).isEqualTo(200);
        JsonNode later = schedule("{\"seconds\":900}");
        assertThat(api.send("DELETE", later.get("location").asString(), null).status())
                .isEqualTo(200);

        // Consumer: starts the execution and marks the task; the API then cancels it in progress (StopExecution).
        deliverUntil(soon.get("id").asString());
        assertThat(api.send("DELETE", soon.get("location").asString(), null).status())
                .isEqualTo(200);

        // Poller: a task that became due goes to the queue; the consumer loses the race with a cancel.
        JsonNode raced = schedule("{\"seconds\":900}");
        String racedId = raced.get("id").asString();
        makeDueForPickUp(racedId);
        try (CallbackServer cancel = CallbackServer.start(
                () -> api.send("DELETE", raced.get("location").asString(), null))) {
            deployment.stepFunctions().beforeStart(racedId, cancel.url());
            rule.fire();
            deliverUntil(racedId);
        }

        // Poller's sweep and the consumer's look at an execution that exists: start again, or mark FAILED.
        stuckAfterItsExecutorFailed();
        stuckWithItsAttemptsUsedUp();
        rule.fire();
        redeliveredAfterItsExecutionEnded();

        // Executor: a task is delivered to its webhook, signed (the secret is read), and to its queue; a claim on a
        // cancelled task or on no task at all is refused.
        String path = "/permissions-" + UUID.randomUUID();
        JsonNode webhook =
                schedule("{\"seconds\":2,\"target\":{\"type\":\"http\",\"url\":\"" + RECEIVER.url(path, 200) + "\"}}");
        JsonNode queued = schedule("{\"seconds\":2,\"payload\":{\"n\":1},\"target\":{\"type\":\"sqs\",\"queueUrl\":\""
                + LocalDeployment.targetQueueUrl() + "\"}}");
        deliverUntil(List.of(webhook.get("id").asString(), queued.get("id").asString()));
        for (JsonNode task : List.of(webhook, queued)) {
            await(
                    task,
                    Duration.ofSeconds(30),
                    current -> "COMPLETED".equals(current.get("status").asString()));
        }
        assertThat(RECEIVER.requests(path)).hasSize(1);
        LambdaProcess executor = deployment.function("taskExecutor");
        assertThat(executor.invoke(payload(racedId, ",\"attempt\":1,\"version\":0"))
                        .body())
                .contains("not claimable");
        assertThat(executor.invoke(payload(UUID.randomUUID().toString(), ",\"attempt\":1,\"version\":0"))
                        .body())
                .contains("no such task");
    }

    private static String payload(String id, String more) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"" + more + "}";
    }
}
