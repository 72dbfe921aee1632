package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.StatusChange;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The table scan that finds due tasks whose index entry is gone, against dynalite. */
class ScannedDueTasksIT {

    private static final DynamoDbClient DYNAMO_DB = DynaliteServer.shared().client();
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private TaskTable table;
    private DynamoDbTaskStore store;
    private ScannedDueTasks scanned;

    @BeforeEach
    void freshTable() {
        table = new TaskTable("tasksTable-scan-it-" + UUID.randomUUID());
        table.createIfMissing(DYNAMO_DB);
        store = new DynamoDbTaskStore(DYNAMO_DB, table);
        scanned = new ScannedDueTasks(DYNAMO_DB, table);
    }

    @Test
    void aTaskInProgressWhoseIndexEntryIsLostIsFoundInTheTableButNotThroughTheIndex() {
        Task task = inProgress(scheduled(NOW.minusSeconds(60)));
        loseIndexEntry(task.id());

        assertThat(store.findDue(TaskStatus.IN_PROGRESS, NOW, 100, null).items())
                .as("the index no longer lists it")
                .isEmpty();
        assertThat(idsOf(TaskStatus.IN_PROGRESS, NOW, 100)).containsExactly(task.id());
    }

    @Test
    void onlyTasksInTheStatusAndDueByTheInstantAreFound() {
        Task dueWaiting = scheduled(NOW.minusSeconds(10));
        Task laterWaiting = scheduled(NOW.plusSeconds(600));
        Task dueInProgress = inProgress(scheduled(NOW.minusSeconds(20)));
        Task cancelled = scheduled(NOW.minusSeconds(30));
        store.move(new StatusChange(cancelled.id(), TaskStatus.SCHEDULED, TaskStatus.CANCELLED, NOW));

        assertThat(idsOf(TaskStatus.SCHEDULED, NOW, 100)).containsExactly(dueWaiting.id());
        assertThat(idsOf(TaskStatus.IN_PROGRESS, NOW, 100)).containsExactly(dueInProgress.id());
        assertThat(idsOf(TaskStatus.SCHEDULED, NOW.plusSeconds(600), 100))
                .containsExactlyInAnyOrder(dueWaiting.id(), laterWaiting.id());
    }

    @Test
    void smallPagesWalkTheWholeTableByCursor() {
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            due.add(scheduled(NOW.minusSeconds(i)).id());
            scheduled(NOW.plusSeconds(3600 + i));
        }

        assertThat(idsOf(TaskStatus.SCHEDULED, NOW, 2)).containsExactlyInAnyOrderElementsOf(due);
    }

    @Test
    void aCursorNotMadeByTheScanIsRefused() {
        assertThatThrownBy(() -> scanned.findDue(TaskStatus.SCHEDULED, NOW, 10, "bm90LWEtY3Vyc29y"))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> scanned.findDue(TaskStatus.SCHEDULED, NOW, 10, "%%%"))
                .isInstanceOf(InvalidCursorException.class);
    }

    private List<UUID> idsOf(TaskStatus status, Instant instant, int limit) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TaskPage page = scanned.findDue(status, instant, limit, cursor);
            page.items().forEach(task -> ids.add(task.id()));
            cursor = page.nextCursor();
            assertThat(++pages).as("pages read").isLessThan(100);
        } while (cursor != null);
        return ids;
    }

    private Task scheduled(Instant timestamp) {
        Task task = Task.scheduled(
                UUID.randomUUID(), TenantId.DEFAULT, timestamp, timestamp.getEpochSecond(), NOW, null, null);
        store.create(task);
        return task;
    }

    private Task inProgress(Task task) {
        return store.move(new StatusChange(task.id(), TaskStatus.SCHEDULED, TaskStatus.IN_PROGRESS, NOW));
    }

    /** What a dynalite stopped between writing an item and its index entry can leave: the item, with no entry. */
    private void loseIndexEntry(UUID id) {
        DYNAMO_DB.updateItem(request -> request.tableName(table.name())
                .key(TaskItem.key(id))
                .updateExpression("REMOVE #shard")
                .expressionAttributeNames(Map.of("#shard", TaskItem.DUE_SHARD)));
    }
}
