package dev.tasksservice.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Polls created tasks until each is final or the deadline passes. A task is first polled at its due time (it
 * cannot be final before; an early run still shows in its executedAt), then at most every 500 ms, and no more
 * once it is final; at most {@code concurrency} GETs are in flight.
 */
final class CompletionWatcher {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final TasksClient client;
    private final int concurrency;
    private final PrintStream out;

    CompletionWatcher(TasksClient client, int concurrency, PrintStream out) {
        this.client = client;
        this.concurrency = concurrency;
        this.out = out;
    }

    /** The last record seen of every task, how many GETs failed and why the last one did. */
    record WatchResult(Map<String, TaskRecord> lastSeen, int pollErrors, String lastPollError) {}

    WatchResult watch(String label, List<CreatedTask> tasks, Instant deadline) throws InterruptedException {
        Map<String, TaskRecord> lastSeen = new HashMap<>();
        Map<String, Instant> nextPoll = new LinkedHashMap<>();
        for (CreatedTask task : tasks) {
            lastSeen.put(task.id(), task.record());
            nextPoll.put(task.id(), task.timestamp());
        }
        int pollErrors = 0;
        String lastPollError = null;
        Instant nextProgress = Instant.now().plus(PROGRESS_INTERVAL);
        try (ExecutorService pollers = Executors.newFixedThreadPool(concurrency)) {
            while (!nextPoll.isEmpty()) {
                Instant now = Instant.now();
                // Past the deadline every unfinished task gets one last look, then the watch ends.
                boolean lastRound = now.isAfter(deadline);
                List<String> due = nextPoll.entrySet().stream()
                        .filter(entry -> lastRound || !entry.getValue().isAfter(now))
                        .map(Map.Entry::getKey)
                        .toList();
                if (due.isEmpty()) {
                    sleepUntil(earliest(nextPoll.values()), deadline);
                    continue;
                }
                Instant again = now.plus(POLL_INTERVAL);
                List<Future<TaskRecord>> replies = pollers.invokeAll(due.stream()
                        .map(id -> (Callable<TaskRecord>) () -> new TaskRecord(client.get(id)))
                        .toList());
                for (int i = 0; i < due.size(); i++) {
                    String id = due.get(i);
                    try {
                        TaskRecord record = replies.get(i).get();
                        lastSeen.put(id, record);
                        if (record.isFinal()) {
                            nextPoll.remove(id);
                        } else {
                            nextPoll.put(id, again);
                        }
                    } catch (ExecutionException e) {
                        pollErrors++;
                        lastPollError = describe(e.getCause());
                        nextPoll.put(id, again);
                    }
                }
                if (lastRound) {
                    break;
                }
                if (Instant.now().isAfter(nextProgress)) {
                    out.printf(
                            "  %s: %d of %d final, %d s to the deadline%n",
                            label,
                            tasks.size() - nextPoll.size(),
                            tasks.size(),
                            Math.max(
                                    0, Duration.between(Instant.now(), deadline).toSeconds()));
                    nextProgress = Instant.now().plus(PROGRESS_INTERVAL);
                }
            }
        }
        return new WatchResult(lastSeen, pollErrors, lastPollError);
    }

    private static Instant earliest(Collection<Instant> instants) {
        return instants.stream().min(Comparator.naturalOrder()).orElseThrow();
    }

    private static void sleepUntil(Instant wake, Instant deadline) throws InterruptedException {
        Instant until = wake.isBefore(deadline) ? wake : deadline.plusMillis(1);
        long millis = Duration.between(Instant.now(), until).toMillis();
        // At least a few ms, so a wake-up time just passed does not spin.
        Thread.sleep(Math.max(5, Math.min(millis, 1000)));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
