package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsThePauseUntilThen() {
        assertThat(RetryAfter.parse("Tue, 01 Jan 2030 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastAsksForNoPause() {
        assertThat(RetryAfter.parse("Tue, 01 Jan 2030 09:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void aHugePauseIsCutToALongestOne() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("999999999999", NOW)).isEqualTo(RetryAfter.LONGEST);
    }

    @Test
    void anythingElseIsNoPause() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
    }
}
