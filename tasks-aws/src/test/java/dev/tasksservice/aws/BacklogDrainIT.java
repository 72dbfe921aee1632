package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.port.out.DispatchQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A backlog of due tasks on dynalite, drained by successive polls that each stop on a short time budget: no poll
 * fails, each goes on past the tasks the polls before it sent (which stay SCHEDULED: no consumer marks them here), and
 * in the end every task was sent, none missing. The backlog's size is the system property {@code backlog.tasks}
 * (5,000 by default; {@code make backlog} drains 20,000); the test prints how long writing and draining took.
 */
class BacklogDrainIT {

    private static final DynamoDbClient DYNAMO_DB = DynaliteServer.shared().client();
    private static final int TASKS = Integer.getInteger("backlog.tasks", 5_000);
    private static final Paging PAGING = new Paging(100, Duration.ofSeconds(1));

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBacklogOfDueTasksDrainsOverSuccessivePollsWithNoneMissing() throws Exception {
        // GIVEN a backlog of due tasks
        TaskTable table = new TaskTable("tasksTable-backlog-" + UUID.randomUUID());
        table.createIfMissing(DYNAMO_DB);
        DynamoDbTaskStore store = new DynamoDbTaskStore(DYNAMO_DB, table);
        long writeStart = System.nanoTime();
        Set<UUID> backlog = writeDueTasks(table, TASKS);
        Duration writing = Duration.ofNanos(System.nanoTime() - writeStart);
        CountingQueue queue = new CountingQueue();
        DispatchDueTasks poller = new DispatchDueTasks(store, queue, Clock.systemUTC(), PAGING);

        // WHEN polls run one after another until one finds nothing left
        long drainStart = System.nanoTime();
        List<DispatchDueTasks.Report> reports = new ArrayList<>();
        DispatchDueTasks.Report report;
        do {
            report = poller.run();
            reports.add(report);
        } while (report.stoppedOnBudget() && reports.size() < 1_000);
        Duration draining = Duration.ofNanos(System.nanoTime() - drainStart);

        // THEN every task was sent, none missing, over several polls that each stopped on the budget but the last
        System.out.printf(
                "Backlog of %d tasks on dynalite: written in %d ms, drained in %d ms by %d polls of %s budget"
                        + " (%d pages of %d), %d sends in all%n",
                TASKS,
                writing.toMillis(),
                draining.toMillis(),
                reports.size(),
                PAGING.budget(),
                reports.stream().mapToInt(DispatchDueTasks.Report::pages).sum(),
                PAGING.pageSize(),
                queue.sends());
        assertThat(queue.sentIds()).containsExactlyInAnyOrderElementsOf(backlog);
        assertThat(reports.size()).as("polls").isGreaterThan(1);
        assertThat(reports.getLast().stoppedOnBudget()).isFalse();
        assertThat(queue.sends())
                .as("each task sent once: every poll went on where the one before stopped")
                .isEqualTo(TASKS);
        assertThat(reports).allMatch(poll -> poll.failed().isEmpty() && poll.sent() == poll.due());
        assertThat(reports.stream().mapToInt(DispatchDueTasks.Report::sent).sum())
                .isEqualTo(queue.sends());
    }

    /** Writes {@code count} SCHEDULED tasks, all due, 25 to a BatchWriteItem, on several threads. */
    private Set<UUID> writeDueTasks(TaskTable table, int count) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> batches = new ArrayList<>();
        for (int first = 0; first < count; first += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = first; i < Math.min(first + 25, count); i++) {
                Instant timestamp = now.minusSeconds(i % 3_600);
                Task task = Task.scheduled(
                        UUID.randomUUID(),
                        TenantId.DEFAULT,
                        timestamp,
                        timestamp.getEpochSecond() - 120,
                        now,
                        null,
                        null);
                ids.add(task.id());
                writes.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder()
                                .item(TaskItem.toItem(task, null))
                                .build())
                        .build());
            }
            batches.add(threads.submit(() -> writeAll(table, writes)));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        return ids;
    }

    private static void writeAll(TaskTable table, List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> pending = Map.of(table.name(), writes);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = DYNAMO_DB.batchWriteItem(batch -> batch.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Counts every task it is sent. Nothing marks the tasks: they stay SCHEDULED, as when consumers lag behind. */
    private static final class CountingQueue implements DispatchQueue {

        private final Map<UUID, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final AtomicInteger sends = new AtomicInteger();

        @Override
        public List<UUID> send(List<Task> tasks) {
            for (Task task : tasks) {
                counts.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
                sends.incrementAndGet();
            }
            return List.of();
        }

        Set<UUID> sentIds() {
            return counts.keySet();
        }

        int sends() {
            return sends.get();
        }
    }
}
