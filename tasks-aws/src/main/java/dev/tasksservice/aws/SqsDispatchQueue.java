package dev.tasksservice.aws;

import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.DispatchQueue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Due tasks on an SQS queue, one message per task, sent in batches. With a hold, each message is delayed (SQS's
 * {@code DelaySeconds}, 15 minutes at most) until {@code lead} before the task's time, so the workflow that waits the
 * last seconds starts only then ({@link ExpressFirstRun}): a task dispatched two minutes ahead waits in the queue,
 * where waiting costs nothing, rather than in a workflow.
 */
public class SqsDispatchQueue implements DispatchQueue {

    /** The most entries SQS takes in one SendMessageBatch call. */
    static final int MAX_BATCH_SIZE = 10;

    /** The longest delay SQS gives a message. */
    static final int MAX_DELAY_SECONDS = 900;

    private static final System.Logger LOG = System.getLogger(SqsDispatchQueue.class.getName());

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final Duration lead;

    /** Messages visible at once. */
    public SqsDispatchQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, null, Duration.ZERO);
    }

    /** Each message held until {@code lead} before its task's time, by {@code clock}. */
    public SqsDispatchQueue(SqsClient sqs, String queueUrl, Clock clock, Duration lead) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
        this.lead = lead;
    }

    @Override
    public List<UUID> send(List<Task> tasks) {
        List<UUID> failed = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += MAX_BATCH_SIZE) {
            failed.addAll(sendBatch(tasks.subList(from, Math.min(from + MAX_BATCH_SIZE, tasks.size()))));
        }
        return List.copyOf(failed);
    }

    /** Sends one batch and answers the ids of its tasks that were not sent. */
    private List<UUID> sendBatch(List<Task> batch) {
        // The entry id is the task's index in the batch: unique within it even if a task appears twice.
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, batch.size())
                .mapToObj(index -> entry(index, batch.get(index)))
                .toList();
        SendMessageBatchResponse response;
        try {
            response =
                    sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "Could not send {0} tasks to {1}: {2}", batch.size(), queueUrl, e.getMessage());
            return batch.stream().map(Task::id).toList();
        }
        // An entry that is not reported sent counts as failed, whether it is in failed() or missing altogether.
        Set<String> sent = response.successful().stream()
                .map(SendMessageBatchResultEntry::id)
                .collect(Collectors.toSet());
        response.failed()
                .forEach(failure -> LOG.log(
                        Level.WARNING,
                        "Could not send a task to {0}: {1} {2}",
                        queueUrl,
                        failure.code(),
                        failure.message()));
        return IntStream.range(0, batch.size())
                .filter(index -> !sent.contains(Integer.toString(index)))
                .mapToObj(index -> batch.get(index).id())
                .toList();
    }

    private SendMessageBatchRequestEntry entry(int index, Task task) {
        return SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(index))
                .delaySeconds(delaySeconds(task))
                .messageBody(SqsTaskMessages.body(task))
                .messageAttributes(Map.of(
                        SqsTaskMessages.TIMESTAMP_ATTRIBUTE,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(SqsTaskMessages.timestamp(task))
                                .build()))
                .build();
    }

    /** Whole seconds, rounded down, so a message is never visible later than {@code lead} before its task's time. */
    private int delaySeconds(Task task) {
        if (clock == null) {
            return 0;
        }
        long seconds =
                Duration.between(clock.instant(), task.nextRunAt().minus(lead)).getSeconds();
        return (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, seconds));
    }
}
