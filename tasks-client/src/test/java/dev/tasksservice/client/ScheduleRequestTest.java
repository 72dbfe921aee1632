package dev.tasksservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleRequestTest {

    @Test
    void writesOnlyTheFieldsGiven() {
        assertThat(ScheduleRequest.at(Instant.parse("2030-01-01T10:00:00.250Z")).toJson())
                .isEqualTo("{\"timestamp\":\"2030-01-01T10:00:00.250Z\"}");
        assertThat(ScheduleRequest.after(Duration.ofMinutes(2)).toJson()).isEqualTo("{\"seconds\":120}");
        assertThat(new ScheduleRequest(null, null, null, null, null).toJson()).isEqualTo("{}");
    }

    @Test
    void takesThePayloadAsJsonTextOrTree() {
        ScheduleRequest fromText = ScheduleRequest.after(0, 0, 5).withPayload("{\"tags\":[\"a\",\"ü\"]}");
        ScheduleRequest fromTree =
                ScheduleRequest.after(0, 0, 5).withPayload(Json.parse("{\"tags\":[\"a\",\"ü\"]}", ""));

        assertThat(fromText.toJson())
                .isEqualTo("{\"hours\":0,\"minutes\":0,\"seconds\":5,\"payload\":{\"tags\":[\"a\",\"ü\"]}}");
        assertThat(fromTree.toJson()).isEqualTo(fromText.toJson());
    }

    @Test
    void writesTheTargetAndTheRetryPolicyWithOnlyThePartsGiven() {
        ScheduleRequest http = ScheduleRequest.after(Duration.ofMinutes(1))
                .withTarget(HttpTarget.post("https://hooks.example.com/t?a=1")
                        .withMethod("PUT")
                        .withHeader("Authorization", "Bearer s3cret")
                        .withHeader("X-Trace", "1")
                        .withTimeout(Duration.ofSeconds(5)))
                .withRetry(RetryPolicy.attempts(5).withBackoff(Duration.ofMillis(250), Duration.ofMinutes(1)));
        ScheduleRequest queue = ScheduleRequest.after(Duration.ofMinutes(1))
                .withTarget(new QueueTarget("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"))
                .withRetry(RetryPolicy.attempts(1));

        assertThat(http.toJson())
                .isEqualTo("{\"seconds\":60,\"target\":{\"type\":\"http\",\"url\":\"https://hooks.example.com/t?a=1\","
                        + "\"method\":\"PUT\",\"headers\":{\"Authorization\":\"Bearer s3cret\",\"X-Trace\":\"1\"},"
                        + "\"timeoutMs\":5000},\"retry\":{\"maxAttempts\":5,\"initialBackoffMs\":250,"
                        + "\"maxBackoffMs\":60000}}");
        assertThat(queue.toJson())
                .isEqualTo("{\"seconds\":60,\"target\":{\"type\":\"sqs\","
                        + "\"queueUrl\":\"https://sqs.eu-west-1.amazonaws.com/123456789012/jobs\"},"
                        + "\"retry\":{\"maxAttempts\":1}}");
        assertThat(ScheduleRequest.after(Duration.ofMinutes(1))
                        .withTarget(HttpTarget.post("http://x.example"))
                        .toJson())
                .isEqualTo("{\"seconds\":60,\"target\":{\"type\":\"http\",\"url\":\"http://x.example\"}}");
    }

    @Test
    void refusesAPayloadThatIsNotJsonAndADelayWithAFractionOfASecond() {
        assertThatThrownBy(() -> ScheduleRequest.after(0, 0, 5).withPayload("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not JSON");
        assertThatThrownBy(() -> ScheduleRequest.after(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
