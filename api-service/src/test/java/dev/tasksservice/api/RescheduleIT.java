package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.tasksservice.api.RawHttp.Reply;
import dev.tasksservice.client.Attempt;
import dev.tasksservice.client.AttemptOutcome;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.QueueTarget;
import dev.tasksservice.client.RescheduleRequest;
import dev.tasksservice.client.RetryPolicy;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskNotFoundException;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TaskStatusConflictException;
import dev.tasksservice.client.TaskVersionConflictException;
import dev.tasksservice.client.TasksApiException;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.port.out.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /tasks/{id}} changes a task that waits, one version on; a task that has begun to run or is final, a
 * change that lost to another and a stale If-Match are refused, and so is every bad part, changing nothing. Attempts
 * are made by the executor's use case on the same store, as the pipeline makes them.
 */
@TestPropertySource(properties = "tasks.target.queues=https://sqs.eu-west-1.amazonaws.com/123456789012/")
class RescheduleIT extends DynaliteBackedApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    TaskStore store;

    @Test
    void anEarlierOrLaterTimeIsTakenOneVersionOn() {
        Task task = create(Duration.ofHours(2));
        Instant earlier = CLOCK.instant().plus(Duration.ofMinutes(30));

        Task changed = tasks().reschedule(task.id(), RescheduleRequest.at(earlier));

        assertThat(changed.timestamp()).isEqualTo(earlier);
        assertThat(changed.startExecutionAt()).isEqualTo(earlier.getEpochSecond() - 120);
        assertThat(changed.status()).isEqualTo(TaskStatus.SCHEDULED);
        assertThat(changed.version()).isEqualTo(1);
        assertThat(tasks().get(task.id())).isEqualTo(changed);

        Task later = tasks().reschedule(task.id(), RescheduleRequest.after(Duration.ofDays(3)));

        assertThat(later.timestamp()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(3)));
        assertThat(later.version()).isEqualTo(2);
        assertThat(tasks().get(task.id()).timestamp()).isEqualTo(later.timestamp());
        assertThat(tasks().get(task.id()).createdAt()).isEqualTo(task.createdAt());
    }

    @Test
    void thePayloadIsReplacedOrRemovedAndTheTimeKept() {
        Task task = tasks().create(ScheduleRequest.after(Duration.ofHours(1)).withPayload("{\"orderId\":42}"))
                .task();

        Task replaced =
                tasks().reschedule(task.id(), RescheduleRequest.keepingTime().withPayload("{\"orderId\":43}"));

        assertThat(replaced.payloadJson().get("orderId").intValue()).isEqualTo(43);
        assertThat(replaced.timestamp()).isEqualTo(task.timestamp());
        assertThat(replaced.version()).isEqualTo(1);
        assertThat(tasks().get(task.id()).payload()).isEqualTo("{\"orderId\":43}");

        Task removed =
                tasks().reschedule(task.id(), RescheduleRequest.keepingTime().withoutPayload());

        assertThat(removed.payload()).isNull();
        assertThat(tasks().get(task.id()).payload()).isNull();
        assertThat(tasks().get(task.id()).version()).isEqualTo(2);
    }

    @Test
    void theTargetAndTheRetryPolicyAreReplacedOrSetBackToTheDefaults() {
        Task task = create(Duration.ofHours(1));
        QueueTarget queue = new QueueTarget("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs");

        Task targeted = tasks().reschedule(
                        task.id(),
                        RescheduleRequest.keepingTime()
                                .withTarget(HttpTarget.post("https://203.0.113.10/hook")
                                        .withHeader("Authorization", "k"))
                                .withRetry(RetryPolicy.attempts(7)));

        assertThat(targeted.target())
                .isEqualTo(new HttpTarget(
                        java.net.URI.create("https://203.0.113.10/hook"),
                        "POST",
                        Map.of("Authorization", "***"),
                        Duration.ofSeconds(10)));
        assertThat(targeted.retry()).isEqualTo(new RetryPolicy(7, Duration.ofSeconds(5), Duration.ofMinutes(5)));
        assertThat(tasks().get(task.id())).isEqualTo(targeted);

        Task queued =
                tasks().reschedule(task.id(), RescheduleRequest.keepingTime().withTarget(queue));
        assertThat(queued.target()).isEqualTo(queue);
        assertThat(queued.retry()).as("kept").isEqualTo(targeted.retry());

        Task reset = tasks().reschedule(
                        task.id(),
                        RescheduleRequest.keepingTime().withDefaultTarget().withDefaultRetry());

        assertThat(reset.target()).isNull();
        assertThat(reset.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5)));
        assertThat(reset.version()).isEqualTo(3);
        assertThat(tasks().get(task.id())).isEqualTo(reset);
    }

    @Test
    void aMergePatchBodyIsTakenAndAnEmptyOneChangesNothing() {
        Task task = create(Duration.ofHours(1));

        Reply merged = raw().patchAs("/tasks/" + task.id(), "application/merge-patch+json", "{\"payload\":{\"a\":1}}");
        Reply empty = raw().patch("/tasks/" + task.id(), "{}");

        assertThat(merged.status()).as("%s", merged).isEqualTo(200);
        assertThat(merged.json().get("version").longValue()).isEqualTo(1);
        assertThat(empty.status()).as("%s", empty).isEqualTo(200);
        assertThat(empty.json().get("version").longValue()).isEqualTo(1);
        assertThat(tasks().get(task.id()).version()).isEqualTo(1);
    }

    @Test
    void aChangeNamingTheCurrentVersionIsMadeAndAStaleOneIsRefused() {
        Task task = create(Duration.ofHours(1));

        Task changed = tasks().reschedule(
                        task.id(),
                        RescheduleRequest.keepingTime().withPayload("{\"a\":1}").ifVersion(0));

        assertThat(changed.version()).isEqualTo(1);
        assertThatThrownBy(() -> tasks().reschedule(
                                task.id(),
                                RescheduleRequest.keepingTime()
                                        .withPayload("{\"a\":2}")
                                        .ifVersion(0)))
                .asInstanceOf(type(TaskVersionConflictException.class))
                .satisfies(stale -> {
                    assertThat(stale.status()).isEqualTo(412);
                    assertThat(stale.contentType()).startsWith(PROBLEM);
                    assertThat(stale.taskVersion()).isEqualTo(1L);
                    assertThat(stale.taskStatus()).isEqualTo(TaskStatus.SCHEDULED);
                });
        assertThat(tasks().get(task.id()).payload()).isEqualTo("{\"a\":1}");
        assertThat(raw().patch("/tasks/" + task.id(), "{\"payload\":{\"a\":3}}", "If-Match", "*")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aMalformedIfMatchIsRefusedNamingIt() {
        Task task = create(Duration.ofHours(1));

        Reply reply = raw().patch("/tasks/" + task.id(), "{\"payload\":{\"a\":1}}", "If-Match", "0");

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().get("field").stringValue()).isEqualTo("If-Match");
        assertThat(tasks().get(task.id()).version()).isZero();
    }

    @Test
    @Timeout(60)
    void ofTwoChangesSentAtOnceAtTheSameVersionExactlyOneWins() throws Exception {
        int rounds = 8;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                Task task = create(Duration.ofHours(1));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (String who : new String[] {"a", "b"}) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return statusOf(() -> tasks().reschedule(
                                        task.id(),
                                        RescheduleRequest.keepingTime()
                                                .withPayload("{\"who\":\"" + who + "\"}")
                                                .ifVersion(0)));
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(20, TimeUnit.SECONDS));
                }

                assertThat(statuses).as("round %d", round).containsOnlyOnce(200);
                assertThat(statuses).as("round %d", round).containsAnyOf(409, 412);
                Task stored = tasks().get(task.id());
                assertThat(stored.version()).isEqualTo(1);
                assertThat(stored.payloadJson().get("who").stringValue()).isIn("a", "b");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCancelledTaskCannotBeChanged() {
        Task task = create(Duration.ofHours(1));
        tasks().cancel(task.id());

        assertConflict(
                () -> tasks().reschedule(task.id(), RescheduleRequest.after(Duration.ofHours(2))),
                TaskStatus.CANCELLED);
        assertThat(tasks().get(task.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aTaskWhoseAttemptFailedShowsTheErrorAndTheNextAttemptAndCannotBeChanged() throws Exception {
        Task task = create(Duration.ofMinutes(1));

        ExecuteTask.Outcome outcome =
                attempt(task.id(), 1, Delivery.failed(503, "503 Service Unavailable", Duration.ofSeconds(30)));

        assertThat(outcome.status()).isEqualTo(dev.tasksservice.domain.model.TaskStatus.IN_PROGRESS);
        Task failed = tasks().get(task.id());
        assertThat(failed.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("503 Service Unavailable");
        assertThat(failed.error()).isEqualTo("503 Service Unavailable");
        assertThat(failed.nextAttemptAt()).isEqualTo(outcome.retryAt());
        List<Attempt> attempts = tasks().attempts(task.id());
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getFirst().number()).isEqualTo(1);
        assertThat(attempts.getFirst().outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(attempts.getFirst().httpStatus()).isEqualTo(503);
        assertThat(attempts.getFirst().error()).isEqualTo("503 Service Unavailable");
        assertThat(attempts.getFirst().nextAttemptAt()).isEqualTo(outcome.retryAt());
        assertConflict(
                () -> tasks().reschedule(
                                task.id(), RescheduleRequest.keepingTime().withoutPayload()),
                TaskStatus.IN_PROGRESS);
    }

    @Test
    void aCompletedTaskCannotBeChangedAndKeepsItsAttemptsOldestFirst() throws Exception {
        Task task = create(Duration.ofMinutes(1));
        attempt(task.id(), 1, Delivery.failed(502, "502 Bad Gateway", null));
        attempt(task.id(), 2, Delivery.succeeded(204));

        assertConflict(
                () -> tasks().reschedule(task.id(), RescheduleRequest.after(Duration.ofHours(1))),
                TaskStatus.COMPLETED);
        Task completed = tasks().get(task.id());
        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.version()).isZero();
        assertThat(tasks().attempts(task.id()))
                .extracting(Attempt::number, Attempt::outcome, Attempt::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.FAILED, 502),
                        org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.SUCCEEDED, 204));
        JsonNode raw = raw().get("/tasks/" + task.id() + "/attempts").json();
        assertThat(raw.get("taskId").stringValue()).isEqualTo(task.id().toString());
        assertThat(raw.at("/attempts/1").has("error")).isFalse();
        assertThat(raw.at("/attempts/1/durationMs").isNumber()).isTrue();
    }

    @Test
    void aFreshTaskHasNoAttempts() {
        Task task = create(Duration.ofHours(1));

        assertThat(tasks().attempts(task.id())).isEmpty();
        Reply raw = raw().get("/tasks/" + task.id() + "/attempts");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().get("attempts").isArray()).isTrue();
        assertThat(raw.json().get("attempts").size()).isZero();
    }

    @Test
    void anUnknownTaskIsNotFoundWhenChangedOrAskedForItsAttempts() {
        UUID unknown = UUID.randomUUID();

        for (ThrowingCall call : new ThrowingCall[] {
            () -> tasks().reschedule(unknown, RescheduleRequest.after(Duration.ofHours(1))),
            () -> tasks().reschedule("not-a-task-id", RescheduleRequest.after(Duration.ofHours(1))),
            () -> tasks().attempts(unknown),
            () -> tasks().attempts("not-a-task-id")
        }) {
            assertThatThrownBy(call::run)
                    .asInstanceOf(type(TaskNotFoundException.class))
                    .satisfies(e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.contentType()).startsWith(PROBLEM);
                    });
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"timestamp":"2029-12-31T23:59:59Z"}          | timestamp              | must be in the future
            {"timestamp":null}                            | timestamp              | ISO-8601
            {"timestamp":"2030-01-02T10:00:00Z","hours":1} | timestamp             | not both
            {"seconds":0}                                 | hours/minutes/seconds  | greater than zero
            {"days":1}                                    | days                   | not a known field
            {"payload":"text"}                            | payload                | must be a JSON object
            {"target":{"type":"http"}}                    | target.url             | is required
            {"target":{"type":"http","url":"https://203.0.113.10/","headers":{"X-Foo":[]}}} | target.headers.X-Foo | must be a string
            {"target":{"type":"sqs","queueUrl":"https://sqs.eu-west-1.amazonaws.com/999/q"}} | target.queueUrl | TASKS_TARGET_QUEUES
            {"retry":{"maxAttempts":21}}                  | retry.maxAttempts      | between 1 and 20
            {"retry":{"maxBackoffMs":"1m"}}               | retry.maxBackoffMs     | must be a number
            {"payload":{"a":1},"retry":{"attempts":2}}    | retry.attempts         | not a known field
            [1]                                           | body                   | must be a JSON object
            {"seconds":                                   | body                   | not readable JSON
            """)
    void aBadChangeIsRefusedNamingItsFieldAndChangesNothing(String body, String field, String reason) {
        Task task = tasks().create(ScheduleRequest.after(Duration.ofHours(1)).withPayload("{\"a\":0}"))
                .task();

        Reply reply = raw().patch("/tasks/" + task.id(), body);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.json().get("field").stringValue()).isEqualTo(field);
        assertThat(reply.json().get("detail").stringValue()).contains(reason);
        assertThat(tasks().get(task.id())).isEqualTo(task);
    }

    @Test
    void aChangeThatIsNotJsonIsUnsupported() {
        Task task = create(Duration.ofHours(1));

        Reply reply = raw().patchAs("/tasks/" + task.id(), "text/plain", "payload=1");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith(PROBLEM);
    }

    private Task create(Duration in) {
        return tasks().create(ScheduleRequest.after(in)).task();
    }

    /** One attempt by the executor's use case, answered with {@code delivery}, without waiting for the task's time. */
    private ExecuteTask.Outcome attempt(UUID id, int number, Delivery delivery) throws InterruptedException {
        ExecuteTask execute = new ExecuteTask(store, (task, startedAt) -> delivery, until -> {}, CLOCK);
        return execute.execute(id, number, 0);
    }

    private static int statusOf(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (TasksApiException e) {
            return e.status();
        }
    }

    private static void assertConflict(ThrowingCall call, TaskStatus status) {
        assertThatThrownBy(call::run)
                .asInstanceOf(type(TaskStatusConflictException.class))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.contentType()).startsWith(PROBLEM);
                    assertThat(e.taskStatus()).isEqualTo(status);
                })
                .isExactlyInstanceOf(TaskStatusConflictException.class);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
