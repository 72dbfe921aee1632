package dev.tasksservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.RetryPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAndRetrySettingsTest {

    private static final TargetAndRetrySettings.Retry DEFAULT_RETRY =
            new TargetAndRetrySettings.Retry("3", "5000", "300000", "20", "3600000");

    @Test
    void theDefaultsAreTheDomainsDefaults() {
        TargetAndRetrySettings settings =
                new TargetAndRetrySettings(DEFAULT_RETRY, new TargetAndRetrySettings.Targets(null, null), null);

        assertThat(settings.retryLimits()).isEqualTo(RetryLimits.DEFAULT);
        assertThat(settings.targetRules().defaultTarget()).isEmpty();
        assertThat(settings.targetRules().allowedQueues()).isEmpty();
    }

    @Test
    void eachSettingIsRead() throws Exception {
        TargetAndRetrySettings settings = new TargetAndRetrySettings(
                new TargetAndRetrySettings.Retry("5", "100", "2000", "10", " 60000 "),
                new TargetAndRetrySettings.Targets("localhost,10.0.0.0/8", "https://sqs.eu-west-1.amazonaws.com/1/"),
                "https://hooks.example.com/default");

        assertThat(settings.retryLimits())
                .isEqualTo(new RetryLimits(
                        new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2)), 10, Duration.ofMinutes(1)));
        assertThat(settings.targetRules().defaultTarget())
                .isEqualTo(Optional.of(HttpTarget.post(URI.create("https://hooks.example.com/default"))));
        assertThat(settings.targetRules().allowsQueue("https://sqs.eu-west-1.amazonaws.com/1/jobs"))
                .isTrue();
        assertThat(settings.targetRules().allowsQueue("https://sqs.eu-west-1.amazonaws.com/2/jobs"))
                .isFalse();
        assertThat(settings.targetRules().refusal("10.1.2.3", InetAddress.getByName("10.1.2.3")))
                .isEmpty();
        assertThat(settings.targetRules().refusal("192.168.1.1", InetAddress.getByName("192.168.1.1")))
                .isPresent();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            three | 5000 | 300000 | 20 | 3600000 | TASKS_RETRY_MAX_ATTEMPTS (tasks.retry.max-attempts) must be a whole number, got 'three'
            3     | 5s   | 300000 | 20 | 3600000 | TASKS_RETRY_INITIAL_BACKOFF_MS
            3     | 5000 | ''     | 20 | 3600000 | TASKS_RETRY_MAX_BACKOFF_MS
            3     | 5000 | 300000 | x  | 3600000 | TASKS_RETRY_ATTEMPTS_CEILING
            3     | 5000 | 300000 | 20 | 1h      | TASKS_RETRY_BACKOFF_CEILING_MS
            0     | 5000 | 300000 | 20 | 3600000 | TASKS_RETRY_MAX_ATTEMPTS must be between 1 and TASKS_RETRY_ATTEMPTS_CEILING (20)
            21    | 5000 | 300000 | 20 | 3600000 | TASKS_RETRY_MAX_ATTEMPTS must be between 1 and TASKS_RETRY_ATTEMPTS_CEILING (20)
            3     | 5000 | 300000 | 21 | 3600000 | TASKS_RETRY_ATTEMPTS_CEILING must be between 1 and 20
            5     | 5000 | 300000 | 4  | 3600000 | TASKS_RETRY_MAX_ATTEMPTS must be between 1 and TASKS_RETRY_ATTEMPTS_CEILING (4)
            3     | -1   | 300000 | 20 | 3600000 | TASKS_RETRY_INITIAL_BACKOFF_MS must not be negative
            3     | 5000 | 4000   | 20 | 3600000 | TASKS_RETRY_MAX_BACKOFF_MS must be between TASKS_RETRY_INITIAL_BACKOFF_MS (5000)
            3     | 5000 | 300000 | 20 | 60000   | TASKS_RETRY_MAX_BACKOFF_MS must be between TASKS_RETRY_INITIAL_BACKOFF_MS (5000) and TASKS_RETRY_BACKOFF_CEILING_MS (60000)
            3     | 50   | 50     | 20 | 99      | TASKS_RETRY_BACKOFF_CEILING_MS must be at least 100
            """)
    void aBadRetrySettingIsRefusedNamingIt(
            String attempts, String initial, String max, String ceiling, String backoffCeiling, String message) {
        TargetAndRetrySettings settings = new TargetAndRetrySettings(
                new TargetAndRetrySettings.Retry(attempts, initial, max, ceiling, backoffCeiling),
                new TargetAndRetrySettings.Targets(null, null),
                null);

        assertThatThrownBy(settings::retryLimits)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBadTargetSettingIsRefusedNamingIt() {
        assertThatThrownBy(() -> new TargetAndRetrySettings(
                                DEFAULT_RETRY, new TargetAndRetrySettings.Targets("10.0.0.0/99", null), null)
                        .targetRules())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TASKS_TARGET_ALLOW");
        assertThatThrownBy(() -> new TargetAndRetrySettings(
                                DEFAULT_RETRY, new TargetAndRetrySettings.Targets(null, null), "ftp://files.example")
                        .targetRules())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TASKS_DEFAULT_TARGET");
    }
}
