package dev.tasksservice.e2e;

import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Target;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TasksClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Creates a scenario's (or the warm-up's) tasks through a fixed number of concurrent POST /tasks clients. */
final class TaskCreator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TasksClient client;
    private final int concurrency;

    TaskCreator(TasksClient client, int concurrency) {
        this.client = client;
        this.concurrency = concurrency;
    }

    /** {@code label}: the scenario, or the warm-up, named in each task's payload. */
    CreationResult create(String label, List<Instant> dueTimes) throws InterruptedException {
        return create(label, dueTimes, index -> null);
    }

    /** {@code targets}: where the task of each index is delivered; null for the deployment's default target. */
    CreationResult create(String label, List<Instant> dueTimes, IntFunction<Target> targets)
            throws InterruptedException {
        AtomicBoolean noApi = new AtomicBoolean();
        List<Future<CreatedTask>> calls = new ArrayList<>(dueTimes.size());
        Instant started = Instant.now();
        try (ExecutorService posters = Executors.newFixedThreadPool(concurrency)) {
            // Submitted in due order, so the earliest tasks are created first.
            for (int i = 0; i < dueTimes.size(); i++) {
                ScheduleRequest body = request(label, i, dueTimes.get(i)).withTarget(targets.apply(i));
                calls.add(posters.submit(() -> noApi.get() ? null : createOne(body, noApi)));
            }
            List<CreatedTask> created = new ArrayList<>(calls.size());
            List<String> errors = new ArrayList<>();
            for (Future<CreatedTask> call : calls) {
                try {
                    CreatedTask task = call.get();
                    if (task != null) {
                        created.add(task);
                    }
                } catch (ExecutionException e) {
                    errors.add(
                            e.getCause().getMessage() == null
                                    ? e.getCause().getClass().getSimpleName()
                                    : e.getCause().getMessage());
                }
            }
            return new CreationResult(created, errors, noApi.get(), started, Instant.now());
        }
    }

    private CreatedTask createOne(ScheduleRequest request, AtomicBoolean noApi) {
        try {
            long start = System.nanoTime();
            Task task = client.create(request).task();
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return new CreatedTask(task, latency, Instant.now());
        } catch (RuntimeException e) {
            // Nothing listens: the other calls would each wait for the same refusal, so they are skipped.
            if (ApiConnection.isNoApi(e)) {
                noApi.set(true);
            }
            throw e;
        }
    }

    private static ScheduleRequest request(String label, int index, Instant due) {
        ObjectNode payload = JSON.createObjectNode()
                .put("source", "bench")
                .put("scenario", label)
                .put("index", index);
        return ScheduleRequest.at(due).withPayload(payload);
    }
}
