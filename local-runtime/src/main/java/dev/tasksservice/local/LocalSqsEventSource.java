package dev.tasksservice.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does on AWS: receive batches of up to 10 messages, hand each batch to the
 * sqsConsumer function as an SQS event, and delete the messages it did not report as failed. Failed ones come back
 * after the visibility timeout, and go to the dead-letter queue after three receives.
 */
class LocalSqsEventSource implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalSqsEventSource.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Function<SQSEvent, SQSBatchResponse> consumer;
    private final int threads;
    private ExecutorService pollers;
    private volatile boolean running;

    LocalSqsEventSource(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> consumer, int threads) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.consumer = consumer;
        this.threads = threads;
    }

    @Override
    public void start() {
        running = true;
        pollers = Executors.newFixedThreadPool(
                threads,
                Thread.ofPlatform().name("local-sqs-poller-", 0).daemon().factory());
        for (int i = 0; i < threads; i++) {
            pollers.execute(this::poll);
        }
    }

    @Override
    public void stop() {
        running = false;
        pollers.shutdown();
        try {
            pollers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(1)
                                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                                .messageAttributeNames("All"))
                        .messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Receiving from the local queue failed, trying again: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSBatchResponse response = consumer.apply(LambdaSqsEvents.of(messages, queueUrl));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(message.messageId())
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(done));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
