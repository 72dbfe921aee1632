package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tasksservice.local.usage.AwsUsage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCostTest {

    @Test
    void readsTheNamesTheLocalRuntimeCountsUnder() {
        assertThat(TaskCost.STATE_TRANSITIONS).isEqualTo(AwsUsage.STATE_TRANSITIONS);
        assertThat(TaskCost.EXPRESS_REQUESTS).isEqualTo(AwsUsage.EXPRESS_REQUESTS);
        assertThat(TaskCost.EXPRESS_MILLIS).isEqualTo(AwsUsage.EXPRESS_MILLIS);
        assertThat(TaskCost.API_REQUESTS).isEqualTo(AwsUsage.API_REQUESTS);
        assertThat(TaskCost.DYNAMODB_WRITE_UNITS).isEqualTo(AwsUsage.DYNAMODB_WRITE_UNITS);
        assertThat(TaskCost.DYNAMODB_INDEX_WRITE_UNITS).isEqualTo(AwsUsage.DYNAMODB_INDEX_WRITE_UNITS);
        assertThat(TaskCost.DYNAMODB_READ_MILLIUNITS).isEqualTo(AwsUsage.DYNAMODB_READ_MILLIUNITS);
        assertThat(TaskCost.SQS_REQUESTS).isEqualTo(AwsUsage.SQS_REQUESTS);
        assertThat("lambda.x" + TaskCost.INVOCATIONS).isEqualTo(AwsUsage.invocations("x"));
        assertThat("lambda.x" + TaskCost.MILLIS).isEqualTo(AwsUsage.millis("x"));
    }

    @Test
    void pricesWhatATaskUsedPerMillionTasks() {
        AwsUsage usage = new AwsUsage();
        Map<String, Long> before = usage.snapshot();
        // 1,000 tasks, each: one POST, 4 transitions, 3 + 4 write units, half a read unit, one executor call of
        // 50 ms and one API call of 20 ms, and a consumer batch of 10; and 500 of them an Express run of 6 s.
        usage.add(AwsUsage.API_REQUESTS, 1_000);
        usage.add(AwsUsage.STATE_TRANSITIONS, 4_000);
        usage.add(AwsUsage.EXPRESS_REQUESTS, 500);
        usage.add(AwsUsage.EXPRESS_MILLIS, 500 * 6_000);
        usage.add(AwsUsage.DYNAMODB_WRITE_UNITS, 3_000);
        usage.add(AwsUsage.DYNAMODB_INDEX_WRITE_UNITS, 4_000);
        usage.add(AwsUsage.DYNAMODB_READ_MILLIUNITS, 500_000);
        usage.add(AwsUsage.SQS_REQUESTS, 1_200);
        usage.add(AwsUsage.SQS_EMPTY_RECEIVES, 50_000);
        for (int i = 0; i < 1_000; i++) {
            usage.invoked("taskExecutor", 50);
            usage.invoked("api", 20);
            usage.invoked("apiKeyAuthorizer", 1);
        }
        for (int i = 0; i < 100; i++) {
            usage.invoked("sqsConsumer", 100);
        }

        TaskCost cost = TaskCost.between(before, usage.snapshot(), 1_000);

        Map<String, Double> parts = new HashMap<>();
        cost.parts().forEach(part -> parts.put(part.name(), part.dollarsPerMillion()));
        assertThat(parts.get("Step Functions Standard")).isCloseTo(100.00, within(1e-6));
        // Half a start at $1 a million, and 3 s at 64 MB: 0.1875 GB-s a task.
        assertThat(parts.get("Step Functions Express")).isCloseTo(0.5 + 0.1875 * 16.67, within(1e-6));
        assertThat(parts.get("API Gateway REST")).isCloseTo(3.50, within(1e-6));
        assertThat(parts.get("DynamoDB writes")).isCloseTo(7 * 0.625, within(1e-6));
        assertThat(parts.get("DynamoDB reads")).isCloseTo(0.5 * 0.125, within(1e-6));
        assertThat(parts.get("Lambda requests")).isCloseTo(3.1 * 0.20, within(1e-6));
        // 50 + 20 + 10 ms at 1,024 MB, and 1 ms at 128 MB: 0.080125 GB-s a task.
        assertThat(parts.get("Lambda compute")).isCloseTo(0.080125 * 16.6667, within(1e-3));
        // Empty receives are the pollers' fixed cost, not a task's.
        assertThat(parts.get("SQS")).isCloseTo(1.2 * 0.40, within(1e-6));
        assertThat(cost.dollarsPerMillion())
                .isCloseTo(
                        parts.values().stream().mapToDouble(Double::doubleValue).sum(), within(1e-9));
        assertThat(cost.render()).contains("total").contains("taskExecutor 50");
    }
}
