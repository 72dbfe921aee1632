package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class TargetSettingsTest {

    @Test
    void settingsNotGivenSetNoVariable() {
        assertThat(TargetSettings.NONE.environment()).isEmpty();
        assertThat(new TargetSettings(" ", "", null).environment()).isEmpty();
        assertThat(TargetSettings.NONE.queues()).isEmpty();
    }

    @Test
    void givenSettingsBecomeTheVariablesTheFunctionsRead() {
        TargetSettings settings = new TargetSettings(
                " https://hooks.example.com/in ",
                "127.0.0.1,localhost",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/a");

        assertThat(settings.environment())
                .containsExactly(
                        entry("TASKS_DEFAULT_TARGET", "https://hooks.example.com/in"),
                        entry("TASKS_TARGET_ALLOW", "127.0.0.1,localhost"),
                        entry("TASKS_TARGET_QUEUES", "https://sqs.eu-west-1.amazonaws.com/123456789012/a"));
    }

    @Test
    void theQueuesAreThoseNamedAndTheDefaultTargetsEachOnce() {
        TargetSettings settings = new TargetSettings(
                "sqs:https://sqs.eu-west-1.amazonaws.com/123456789012/a",
                null,
                "https://sqs.eu-west-1.amazonaws.com/123456789012/a, https://eu-central-1.queue.amazonaws.com/210987654321/b.fifo");

        assertThat(settings.queues())
                .containsExactly(
                        new TargetSettings.QueueAddress("eu-west-1", "123456789012", "a"),
                        new TargetSettings.QueueAddress("eu-central-1", "210987654321", "b.fifo"));
    }

    @Test
    void aWildcardQueueSettingIsRefusedOnAws() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings(null, null, "*"))
                .withMessageContaining("targetQueues")
                .withMessageContaining("name each queue");
    }

    @Test
    void aQueueEntryThatNamesNoQueueIsRefusedNamingTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings(null, null, "https://sqs.eu-west-1.amazonaws.com/123456789012/"))
                .withMessageContaining("targetQueues");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings("sqs:not a url", null, null))
                .withMessageContaining("TASKS_DEFAULT_TARGET");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings("sqs:https://example.com/orders", null, null))
                .withMessageContaining("defaultTarget");
    }

    @Test
    void aBadAllowListOrDefaultTargetFailsTheSynthesisNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings(null, "10.0.0.0/99", null))
                .withMessageContaining("TASKS_TARGET_ALLOW");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TargetSettings("ftp://example.com/in", null, null))
                .withMessageContaining("TASKS_DEFAULT_TARGET");
    }
}
