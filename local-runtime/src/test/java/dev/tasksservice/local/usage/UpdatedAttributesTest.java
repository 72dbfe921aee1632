package dev.tasksservice.local.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdatedAttributesTest {

    @Test
    void namesTheAttributesSetAndRemovedWithTheirPlaceholdersResolved() {
        UpdatedAttributes updated = UpdatedAttributes.of(
                "SET #s = :s, attempts = if_not_exists(attempts, :zero), #h = list_append(:new, #h) REMOVE lastError,"
                        + " nextAttemptAt",
                Map.of("#s", "taskStatus", "#h", "history"));

        assertThat(updated.set()).contains("taskStatus", "attempts", "history");
        assertThat(updated.removed()).containsExactlyInAnyOrder("lastError", "nextAttemptAt");
    }

    @Test
    void anExpressionWithoutSetOrRemoveChangesNothing() {
        assertThat(UpdatedAttributes.of(null, null).set()).isEmpty();
        assertThat(UpdatedAttributes.of("ADD counter :one", Map.of()).set()).containsExactly("counter");
    }
}
