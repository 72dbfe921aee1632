package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    void everyNameCarriesTheStage() {
        ResourceNames names = new ResourceNames("dev");

        assertThat(names.stack()).isEqualTo("TasksServiceStack-dev");
        assertThat(names.table()).isEqualTo("tasksTable-dev");
        assertThat(names.queue()).isEqualTo("tasksQueue-dev");
        assertThat(names.deadLetterQueue()).isEqualTo("tasksQueue-dev-dlq");
        assertThat(names.stateMachine()).isEqualTo("tasksStateMachine-dev");
        assertThat(names.webhookSecret()).isEqualTo("tasksWebhookSecret-dev");
        assertThat(names.isProduction()).isFalse();
        assertThat(new ResourceNames("prod").isProduction()).isTrue();
    }

    @Test
    void stageThatCannotBePartOfAResourceNameIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResourceNames("my stage"))
                .withMessageContaining("letters, digits or dashes");
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceNames(""));
    }
}
