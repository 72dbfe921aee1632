package dev.tasksservice.domain;

import static dev.tasksservice.domain.model.TaskStatus.CANCELLED;
import static dev.tasksservice.domain.model.TaskStatus.COMPLETED;
import static dev.tasksservice.domain.model.TaskStatus.FAILED;
import static dev.tasksservice.domain.model.TaskStatus.IN_PROGRESS;
import static dev.tasksservice.domain.model.TaskStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.TaskStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

    @Test
    void exactlyTheDocumentedMovesAreAllowed() {
        Set<String> allowed = Set.of(
                "SCHEDULED->IN_PROGRESS",
                "SCHEDULED->CANCELLED",
                "IN_PROGRESS->COMPLETED",
                "IN_PROGRESS->FAILED",
                "IN_PROGRESS->CANCELLED");

        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(allowed.contains(from + "->" + to));
            }
        }
    }

    @Test
    void completedFailedAndCancelledAreFinal() {
        assertThat(EnumSet.allOf(TaskStatus.class).stream().filter(TaskStatus::isFinal))
                .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED);
        assertThat(SCHEDULED.isFinal()).isFalse();
        assertThat(IN_PROGRESS.isFinal()).isFalse();
    }

    @Test
    void aStatusChangeCannotBeBuiltForAForbiddenMove() {
        assertThatThrownBy(() -> new StatusChange(UUID.randomUUID(), COMPLETED, SCHEDULED, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COMPLETED to SCHEDULED");
    }
}
