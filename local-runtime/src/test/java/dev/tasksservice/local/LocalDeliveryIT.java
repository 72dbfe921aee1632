package dev.tasksservice.local;

import static dev.tasksservice.client.TaskStatus.COMPLETED;
import static dev.tasksservice.client.TaskStatus.FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tasksservice.client.Attempt;
import dev.tasksservice.client.AttemptOutcome;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.InvalidTaskRequestException;
import dev.tasksservice.client.QueueTarget;
import dev.tasksservice.client.RescheduleRequest;
import dev.tasksservice.client.RetryPolicy;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TaskStatusConflictException;
import dev.tasksservice.local.TargetReceiver.Answer;
import dev.tasksservice.local.TargetReceiver.Received;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Tasks delivered to their targets by the real local runtime: webhooks to a JDK HTTP server on 127.0.0.1, signed with
 * the runtime's secret, retried as the task's own policy says; messages to a queue of the embedded SQS server; and
 * tasks changed (PATCH) while they wait, delivered once, at their new time.
 */
class LocalDeliveryIT extends LocalRuntimeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Another secret, which must not verify a delivery (32 bytes of 0x2b). */
    private static final String OTHER_SECRET = "whsec_KysrKysrKysrKysrKysrKysrKysrKysrKysrKysrKys=";

    @Autowired
    SqsClient sqs;

    private final URI target = RECEIVER.newUrl();

    @Test
    void aWebhookArrivesAtOrAfterItsTimestampSignedWithTheRuntimesSecretWithTheTaskIdAsItsId() {
        Task created = createFor(
                        target, ScheduleRequest.after(Duration.ofSeconds(2)).withPayload("{\"order\":42}"))
                .task();

        Task task = awaitFinal(created.id());

        assertThat(task.status()).isEqualTo(COMPLETED);
        Received delivery = onlyDeliveryOf(task);
        assertThat(delivery.at()).isAfterOrEqualTo(task.timestamp());
        assertThat(delivery.header("webhook-id")).isEqualTo(task.id().toString());
        assertThat(delivery.header("webhook-timestamp"))
                .isEqualTo(Long.toString(task.executedAt().getEpochSecond()));
        assertThat(delivery.header("content-type")).startsWith("application/json");
        assertThat(delivery.body()).isEqualTo("{\"order\":42}");
        assertThat(StandardWebhooks.verifies(SECRET, delivery)).as("signature").isTrue();
        assertThat(StandardWebhooks.verifies(OTHER_SECRET, delivery))
                .as("not valid under another secret")
                .isFalse();
    }

    @Test
    void aTargetAnswering503Then200GetsTwoAttemptsSpacedAsTheTasksRetryPolicySays() {
        Duration backoff = Duration.ofMillis(800);
        RECEIVER.script(target, Answer.of(503), Answer.of(200));
        Task created = tasks().create(ScheduleRequest.after(Duration.ofSeconds(2))
                        .withTarget(HttpTarget.post(target))
                        .withRetry(RetryPolicy.attempts(3).withBackoff(backoff, backoff)))
                .task();

        Task task = awaitFinal(created.id());

        assertThat(task.status()).isEqualTo(COMPLETED);
        assertThat(task.attempts()).isEqualTo(2);
        List<Received> deliveries = RECEIVER.deliveriesOf(task.id());
        assertThat(deliveries).hasSize(2);
        List<Attempt> attempts = tasks().attempts(task.id());
        assertThat(attempts).extracting(Attempt::number).containsExactly(1, 2);
        Attempt first = attempts.get(0);
        Attempt second = attempts.get(1);
        assertThat(first.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(first.httpStatus()).isEqualTo(503);
        assertThat(second.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        assertThat(second.httpStatus()).isEqualTo(200);
        assertThat(second.nextAttemptAt()).isNull();
        // Full jitter: the pause is drawn between 0 and the backoff, and the retry waits for the instant drawn.
        Instant firstEnded = first.startedAt().plus(first.duration());
        assertThat(first.nextAttemptAt())
                .isBetween(firstEnded.minusMillis(5), firstEnded.plus(backoff).plusMillis(50));
        assertThat(second.startedAt()).isAfterOrEqualTo(first.nextAttemptAt());
        assertThat(deliveries.get(1).at()).isAfterOrEqualTo(first.nextAttemptAt());
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
                .isLessThanOrEqualTo(backoff.plusMillis(700));
        assertThat(task.executedAt()).isEqualTo(second.startedAt());
        // Both attempts carry the same webhook-id, so the receiver can drop a repeat.
        assertThat(deliveries)
                .allSatisfy(delivery ->
                        assertThat(StandardWebhooks.verifies(SECRET, delivery)).isTrue());
    }

    @Test
    void aRetryAfterFromTheTargetLengthensThePauseUpToThePolicysCeiling() {
        RECEIVER.script(target, new Answer(503, 1), Answer.of(200));
        Task created = tasks().create(ScheduleRequest.after(Duration.ofSeconds(2))
                        .withTarget(HttpTarget.post(target))
                        .withRetry(RetryPolicy.attempts(2).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))))
                .task();

        Task task = awaitFinal(created.id());

        assertThat(task.status()).isEqualTo(COMPLETED);
        List<Received> deliveries = RECEIVER.deliveriesOf(task.id());
        assertThat(deliveries).hasSize(2);
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTargetAnswering400FailsTheTaskAfterOneAttempt() {
        RECEIVER.script(target, Answer.of(400));
        Task created =
                createFor(target, ScheduleRequest.after(Duration.ofSeconds(1))).task();

        Task task = awaitFinal(created.id());

        assertThat(task.status()).isEqualTo(FAILED);
        assertThat(task.attempts()).isEqualTo(1);
        assertThat(task.error()).contains("400");
        assertThat(RECEIVER.deliveriesOf(task.id())).hasSize(1);
        assertThat(tasks().attempts(task.id())).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.REFUSED);
            assertThat(attempt.httpStatus()).isEqualTo(400);
            assertThat(attempt.nextAttemptAt()).isNull();
        });
    }

    @Test
    void aQueueOfTheEmbeddedSqsServerReceivesThePayloadWithTheTaskIdAndTimestamp() {
        String queueUrl = sqs.createQueue(request -> request.queueName("target-" + UUID.randomUUID()))
                .queueUrl();
        Task created = tasks().create(ScheduleRequest.after(Duration.ofSeconds(1))
                        .withPayload("{\"order\":7}")
                        .withTarget(new QueueTarget(queueUrl)))
                .task();

        Task task = awaitFinal(created.id());

        assertThat(task.status()).isEqualTo(COMPLETED);
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All"))
                .messages();
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("{\"order\":7}");
            assertThat(message.messageAttributes().get("taskId").stringValue())
                    .isEqualTo(task.id().toString());
            assertThat(Instant.parse(
                            message.messageAttributes().get("timestamp").stringValue()))
                    .isEqualTo(task.timestamp());
        });
    }

    @Test
    void aWaitingTaskMovedEarlierIsDeliveredOnceAtItsNewTime() {
        Task created =
                createFor(target, ScheduleRequest.after(Duration.ofSeconds(12))).task();
        Instant newTime = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

        Task changed = tasks().reschedule(created.id(), RescheduleRequest.at(newTime));

        assertThat(changed.version()).isEqualTo(1);
        Task task = awaitFinal(created.id());
        assertThat(task.status()).isEqualTo(COMPLETED);
        assertThat(task.timestamp()).isEqualTo(newTime);
        Received delivery = onlyDeliveryOf(task);
        assertThat(delivery.at()).isAfterOrEqualTo(newTime).isBefore(created.timestamp());
    }

    @Test
    void aWaitingTaskMovedLaterIsDeliveredOnceAtItsNewTimeNotItsOldOne() {
        Task created =
                createFor(target, ScheduleRequest.after(Duration.ofSeconds(3))).task();
        Instant newTime = created.timestamp().plusSeconds(3);

        tasks().reschedule(created.id(), RescheduleRequest.at(newTime));

        await().atMost(PATIENCE)
                .until(() -> Instant.now().isAfter(created.timestamp().plusSeconds(1)));
        assertThat(RECEIVER.deliveriesOf(created.id()))
                .as("nothing at the old time")
                .isEmpty();
        Task task = awaitFinal(created.id());
        assertThat(task.timestamp()).isEqualTo(newTime);
        assertThat(onlyDeliveryOf(task).at()).isAfterOrEqualTo(newTime);
    }

    @Test
    void aChangeRacingTheDueTimeEitherWinsAndRunsAtTheNewTimeOrIsRefusedAndTheOldTimeRunsNeverBothNeverNeither()
            throws Exception {
        // The attempt is claimed 2 s (the wake lead) before the due time: the changes land around that instant, 100 ms
        // apart, so some come before the claim and some after.
        int count = 10;
        Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        Instant moved = due.plusSeconds(3);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(createFor(target, ScheduleRequest.at(due)).task().id());
        }
        Map<UUID, Object> answers = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> changes = new ArrayList<>();
        try (ScheduledExecutorService clients = Executors.newScheduledThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                UUID id = ids.get(i);
                Instant at = due.minusMillis(2500).plusMillis(100L * i);
                CompletableFuture<Object> change = new CompletableFuture<>();
                clients.schedule(
                        () -> {
                            try {
                                change.complete(tasks().reschedule(id, RescheduleRequest.at(moved)));
                            } catch (TaskStatusConflictException e) {
                                change.complete(e);
                            } catch (RuntimeException e) {
                                change.completeExceptionally(e);
                            }
                        },
                        Math.max(0, Duration.between(Instant.now(), at).toMillis()),
                        TimeUnit.MILLISECONDS);
                changes.add(change.thenAccept(answer -> answers.put(id, answer)));
            }
            CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
        }

        long won = answers.values().stream().filter(Task.class::isInstance).count();
        System.out.printf("Changes racing the claim: %d won, %d refused%n", won, count - won);
        for (UUID id : ids) {
            Task task = awaitFinal(id);
            assertThat(task.status()).as("task %s", id).isEqualTo(COMPLETED);
            Received delivery = onlyDeliveryOf(task);
            if (answers.get(id) instanceof Task changed) {
                assertThat(changed.version()).isEqualTo(1);
                assertThat(task.timestamp()).isEqualTo(moved);
                assertThat(delivery.at())
                        .as("changed in time: runs at the new time")
                        .isAfterOrEqualTo(moved);
            } else {
                assertThat(answers.get(id)).isInstanceOf(TaskStatusConflictException.class);
                assertThat(task.version()).isZero();
                assertThat(task.timestamp()).isEqualTo(due);
                assertThat(delivery.at()).as("refused: runs at the old time").isBetween(due, moved);
            }
        }
        // No delivery comes later for any of them (a lost second run would).
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(moved.plusSeconds(1)));
        assertThat(ids).allSatisfy(id -> assertThat(RECEIVER.deliveriesOf(id)).hasSize(1));
    }

    @Test
    void byDefaultTargetsMayReachThisMachineAndTheEmbeddedQueuesOnly() {
        ScheduleRequest later = ScheduleRequest.after(Duration.ofMinutes(5));

        assertThatThrownBy(() -> tasks().create(later.withTarget(HttpTarget.post("http://10.1.2.3/hook"))))
                .isInstanceOfSatisfying(
                        InvalidTaskRequestException.class,
                        refused -> assertThat(refused.field()).isEqualTo("target.url"));
        assertThatThrownBy(() -> tasks().create(later.withTarget(
                        new QueueTarget("https://sqs.us-east-1.amazonaws.com/123456789012/orders"))))
                .isInstanceOfSatisfying(
                        InvalidTaskRequestException.class,
                        refused -> assertThat(refused.field()).isEqualTo("target.queueUrl"));
        assertThat(tasks().create(later.withTarget(HttpTarget.post("http://localhost:1/hook")))
                        .task()
                        .status())
                .isEqualTo(TaskStatus.SCHEDULED);
    }

    private Task awaitFinal(UUID id) {
        await().atMost(PATIENCE).until(() -> tasks().get(id).isFinal());
        return tasks().get(id);
    }

    private static Received onlyDeliveryOf(Task task) {
        List<Received> deliveries = RECEIVER.deliveriesOf(task.id());
        assertThat(deliveries).as("deliveries of task %s", task.id()).hasSize(1);
        return deliveries.getFirst();
    }
}
