package dev.tasksservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RescheduleRequestTest {

    @Test
    void writesOnlyThePartsToChange() {
        assertThat(RescheduleRequest.keepingTime().toJson()).isEqualTo("{}");
        assertThat(RescheduleRequest.at(Instant.parse("2030-01-01T10:00:00.250Z"))
                        .toJson())
                .isEqualTo("{\"timestamp\":\"2030-01-01T10:00:00.250Z\"}");
        assertThat(RescheduleRequest.after(Duration.ofMinutes(2))
                        .withPayload("{\"a\":1}")
                        .withRetry(RetryPolicy.attempts(4))
                        .toJson())
                .isEqualTo("{\"seconds\":120,\"payload\":{\"a\":1},\"retry\":{\"maxAttempts\":4}}");
        assertThat(RescheduleRequest.keepingTime()
                        .withTarget(new QueueTarget("https://sqs.eu-west-1.amazonaws.com/1/q"))
                        .toJson())
                .isEqualTo("{\"target\":{\"type\":\"sqs\",\"queueUrl\":\"https://sqs.eu-west-1.amazonaws.com/1/q\"}}");
    }

    @Test
    void removingAPartIsAJsonNull() {
        assertThat(RescheduleRequest.keepingTime()
                        .withoutPayload()
                        .withDefaultTarget()
                        .withDefaultRetry()
                        .toJson())
                .isEqualTo("{\"payload\":null,\"target\":null,\"retry\":null}");
    }

    @Test
    void eachStepIsANewRequestAndTheLastValueOfAPartWins() {
        RescheduleRequest first = RescheduleRequest.keepingTime().withPayload("{\"a\":1}");
        RescheduleRequest second = first.withoutPayload().ifVersion(3);

        assertThat(first.toJson()).isEqualTo("{\"payload\":{\"a\":1}}");
        assertThat(first.expectedVersion()).isEqualTo(OptionalLong.empty());
        assertThat(second.toJson()).isEqualTo("{\"payload\":null}");
        assertThat(second.expectedVersion()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void refusesAPayloadThatIsNotJsonAndADelayWithAFractionOfASecond() {
        assertThatThrownBy(() -> RescheduleRequest.keepingTime().withPayload("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not JSON");
        assertThatThrownBy(() -> RescheduleRequest.after(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
