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
    void refusesAPayloadThatIsNotJsonAndADelayWithAFractionOfASecond() {
        assertThatThrownBy(() -> ScheduleRequest.after(0, 0, 5).withPayload("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is not JSON");
        assertThatThrownBy(() -> ScheduleRequest.after(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
