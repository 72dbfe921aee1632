package dev.tasksservice.e2e;

import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskPage;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits until every task of a scenario is final or the deadline passes, by listing rather than reading each task,
 * so the bench's own load on the API stays small and steady while the pipeline fires the tasks: every
 * {@link #LIST_INTERVAL} it pages through {@code GET /tasks?status=COMPLETED} and {@code ?status=FAILED} to the last
 * page and keeps the records of the scenario's tasks. It lists only from {@link #LISTING_DELAY} after the first due
 * time: no task can be final earlier (an early run still shows in its executedAt), and the load matters most right at
 * the due time. At the deadline it reads the tasks never seen final one by one ({@code GET /tasks/{id}}, at most
 * {@code concurrency} at once), to report where they stopped: SCHEDULED, IN_PROGRESS or CANCELLED.
 *
 * <p>The API lists a status in startExecutionAt order, and a cursor is a position in that order. So a round need not
 * list again the pages of tasks earlier than every task still awaited (earlier runs, the tasks already seen): it
 * starts from the cursor that follows the last such page. A task in the same second as the page's last one may sort
 * before or after it, so only a page whose last task is in an earlier second counts. Without startExecutionAt in the
 * records every round lists from the first page.
 *
 * <p>Time is the given clock's, and waiting the given sleeper's, so a test moves time on instead of sleeping.
 */
final class CompletionWatcher {

    static final Duration LISTING_DELAY = Duration.ofMillis(200);
    static final Duration LIST_INTERVAL = Duration.ofSeconds(1);
    static final int PAGE_SIZE = 100;
    /** The final statuses a task reaches by running; a CANCELLED task never ran, and the deadline's reads find it. */
    static final List<TaskStatus> LISTED_STATUSES = List.of(TaskStatus.COMPLETED, TaskStatus.FAILED);

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final TasksClient client;
    private final int concurrency;
    private final PrintStream out;
    private final Clock clock;
    private final Sleeper sleeper;

    /** {@code out}: where progress goes while the watch lasts. */
    CompletionWatcher(TasksClient client, int concurrency, PrintStream out) {
        this(client, concurrency, out, Clock.systemUTC(), Sleeper.THREAD);
    }

    CompletionWatcher(TasksClient client, int concurrency, PrintStream out, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.concurrency = concurrency;
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The last record seen of every task; how many list pages and single reads the watch made, how many of each
     * failed and why the last failure did.
     */
    record WatchResult(
            Map<UUID, Task> lastSeen, int listPages, int reads, int listErrors, int readErrors, String lastError) {

        /** The tasks not final when the watch ended: they may still run after it. */
        long notFinal() {
            return lastSeen.values().stream().filter(task -> !task.isFinal()).count();
        }
    }

    WatchResult watch(String label, List<CreatedTask> tasks, Instant deadline) throws InterruptedException {
        Watch watch = new Watch(tasks);
        if (tasks.isEmpty()) {
            return watch.result();
        }
        Instant firstDue = tasks.stream()
                .map(CreatedTask::timestamp)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        sleepUntil(earlier(firstDue.plus(LISTING_DELAY), deadline));
        Instant nextProgress = clock.instant().plus(PROGRESS_INTERVAL);
        while (true) {
            Instant round = clock.instant();
            listFinal(watch);
            Instant now = clock.instant();
            if (watch.pending.isEmpty() || !now.isBefore(deadline)) {
                break;
            }
            if (!now.isBefore(nextProgress)) {
                out.printf(
                        "  %s: %d of %d final, %d s to the deadline%n",
                        label,
                        tasks.size() - watch.pending.size(),
                        tasks.size(),
                        Duration.between(now, deadline).toSeconds());
                nextProgress = now.plus(PROGRESS_INTERVAL);
            }
            // The last round lists at the deadline itself.
            sleepUntil(earlier(round.plus(LIST_INTERVAL), deadline));
        }
        readOneByOne(watch);
        return watch.result();
    }

    /** One round: the pages of each final status that can hold an awaited task, until none is left to find. */
    private void listFinal(Watch watch) throws InterruptedException {
        for (TaskStatus status : LISTED_STATUSES) {
            String cursor = watch.resumeFrom.get(status);
            do {
                if (watch.pending.isEmpty()) {
                    return;
                }
                TaskPage page;
                try {
                    page = client.list(status, PAGE_SIZE, cursor);
                    watch.listPages++;
                } catch (RuntimeException e) {
                    // The next round lists this status from the first page, in case the API refused the cursor.
                    watch.listErrors++;
                    watch.lastError = "GET /tasks?status=" + status + ": " + describe(e);
                    watch.resumeFrom.remove(status);
                    break;
                }
                for (Task item : page.items()) {
                    if (item.isFinal() && watch.pending.remove(item.id())) {
                        watch.lastSeen.put(item.id(), item);
                    }
                }
                cursor = page.nextCursor();
                if (cursor != null
                        && !page.items().isEmpty()
                        && beforeEveryAwaited(watch, page.items().getLast())) {
                    watch.resumeFrom.put(status, cursor);
                }
            } while (cursor != null);
        }
    }

    /** True when {@code listed} is in an earlier second than every task still awaited, so they all sort after it. */
    private static boolean beforeEveryAwaited(Watch watch, Task listed) {
        long last = listed.startExecutionAt();
        if (last <= 0) {
            return false;
        }
        for (UUID id : watch.pending) {
            long awaited = watch.lastSeen.get(id).startExecutionAt();
            if (awaited <= 0 || awaited <= last) {
                return false;
            }
        }
        return true;
    }

    /** The tasks never seen final, read one by one: their status says where they stopped. */
    private void readOneByOne(Watch watch) throws InterruptedException {
        if (watch.pending.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(watch.pending);
        try (ExecutorService readers = Executors.newFixedThreadPool(Math.min(concurrency, ids.size()))) {
            List<Future<Task>> replies = readers.invokeAll(ids.stream()
                    .map(id -> (Callable<Task>) () -> client.get(id))
                    .toList());
            for (int i = 0; i < ids.size(); i++) {
                watch.reads++;
                try {
                    Task record = replies.get(i).get();
                    watch.lastSeen.put(ids.get(i), record);
                    if (record.isFinal()) {
                        watch.pending.remove(ids.get(i));
                    }
                } catch (ExecutionException e) {
                    watch.readErrors++;
                    watch.lastError = "GET /tasks/" + ids.get(i) + ": " + describe(e.getCause());
                }
            }
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void sleepUntil(Instant until) throws InterruptedException {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isPositive()) {
            sleeper.sleep(left);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What one watch has seen so far. */
    private static final class Watch {

        final Map<UUID, Task> lastSeen = new HashMap<>();
        final Set<UUID> pending = new HashSet<>();
        /** Per status, the cursor a round starts from; none: from the first page. */
        final Map<TaskStatus, String> resumeFrom = new HashMap<>();

        int listPages;
        int reads;
        int listErrors;
        int readErrors;
        String lastError;

        Watch(List<CreatedTask> tasks) {
            for (CreatedTask task : tasks) {
                lastSeen.put(task.id(), task.task());
                pending.add(task.id());
            }
        }

        WatchResult result() {
            return new WatchResult(lastSeen, listPages, reads, listErrors, readErrors, lastError);
        }
    }
}
