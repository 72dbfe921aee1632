package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.Retention;
import dev.tasksservice.domain.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private final Retention retention = new Retention(Duration.ofDays(30));

    @Test
    void aFinalTaskExpiresThePeriodAfterItsLastChangeNeverEarlier() {
        Instant at = Instant.parse("2030-01-01T00:00:00.001Z");

        for (TaskStatus status : new TaskStatus[] {TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED}) {
            assertThat(retention.expiresAt(status, at))
                    .as(status.name())
                    .isEqualTo(Instant.parse("2030-01-31T00:00:01Z").getEpochSecond());
        }
        assertThat(retention.expiresAt(TaskStatus.COMPLETED, Instant.parse("2030-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2030-01-31T00:00:00Z").getEpochSecond());
    }

    @Test
    void aTaskThatMayStillChangeNeverExpires() {
        assertThat(retention.expiresAt(TaskStatus.SCHEDULED, Instant.EPOCH)).isNull();
        assertThat(retention.expiresAt(TaskStatus.IN_PROGRESS, Instant.EPOCH)).isNull();
    }

    @Test
    void aTaskHasExpiredFromItsExpirySecondOn() {
        assertThat(Retention.expired(100, Instant.ofEpochSecond(99, 999_999_999)))
                .isFalse();
        assertThat(Retention.expired(100, Instant.ofEpochSecond(100))).isTrue();
    }

    @Test
    void aRetentionIsPositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
