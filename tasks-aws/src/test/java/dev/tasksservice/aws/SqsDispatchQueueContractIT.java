package dev.tasksservice.aws;

import dev.tasksservice.domain.DispatchQueueContract;
import dev.tasksservice.domain.port.out.DispatchQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The dispatch queue contract against the SQS API served by ElasticMQ, one fresh queue per test. What arrived is
 * received from the queue and read with the consumer's own parser ({@link SqsTaskMessages#taskId}).
 *
 * <p>A refused task is made to fail where SQS fails one entry of a batch: its message body is sent with a character
 * SQS does not accept, so the server reports that entry, and only that one, as failed. The change is made to the
 * request on its way out of the SDK client; the answer is the server's own.
 */
class SqsDispatchQueueContractIT extends DispatchQueueContract {

    private static final SqsClient RECEIVER = ElasticMqServer.shared().client();

    /** Sends with a body SQS refuses for the tasks in {@link #refused}. */
    private static final RefusingInterceptor REFUSING = new RefusingInterceptor();

    private static final SqsClient SENDER = SqsClient.builder()
            .endpointOverride(ElasticMqServer.shared().endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .overrideConfiguration(config -> config.addExecutionInterceptor(REFUSING))
            .build();

    private String queueUrl;

    @AfterAll
    static void closeSender() {
        SENDER.close();
    }

    @Override
    protected DispatchQueue newEmptyQueue() {
        REFUSING.refused = Set.of();
        queueUrl = new TaskQueue("tasksQueue-contract-" + UUID.randomUUID()).createIfMissing(RECEIVER);
        return new SqsDispatchQueue(SENDER, queueUrl);
    }

    @Override
    protected void refuse(Set<UUID> taskIds) {
        REFUSING.refused = Set.copyOf(taskIds);
    }

    /** Receives until {@code expected} messages came and then the queue stays empty for a second (5 s at most). */
    @Override
    protected List<UUID> arrived(int expected) {
        List<UUID> received = new ArrayList<>();
        while (true) {
            List<Message> batch = RECEIVER.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(received.size() < expected ? 5 : 1))
                    .messages();
            if (batch.isEmpty()) {
                return received;
            }
            batch.forEach(message -> received.add(SqsTaskMessages.taskId(message.body())));
        }
    }

    private static final class RefusingInterceptor implements ExecutionInterceptor {

        // U+0000 is outside the characters SQS allows in a message body.
        private static final String REFUSED_CHARACTER = "\u0000";

        volatile Set<UUID> refused = Set.of();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
            if (!(context.request() instanceof SendMessageBatchRequest batch) || refused.isEmpty()) {
                return context.request();
            }
            List<SendMessageBatchRequestEntry> entries = batch.entries().stream()
                    .map(entry -> refused.contains(UUID.fromString(entry.messageBody()))
                            ? entry.toBuilder()
                                    .messageBody(entry.messageBody() + REFUSED_CHARACTER)
                                    .build()
                            : entry)
                    .toList();
            return batch.toBuilder().entries(entries).build();
        }
    }
}
