package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tasksservice.aws.SqsTaskMessages;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of dispatched tasks from SQS: start each one's workflow. Only the messages that failed are reported, so
 * SQS delivers just those again (and moves them to the dead-letter queue after the third receive).
 */
class SqsConsumer implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger log = LoggerFactory.getLogger(SqsConsumer.class);

    private final StartTaskWorkflow startWorkflow;
    private final TaskMetrics metrics;

    SqsConsumer(StartTaskWorkflow startWorkflow, TaskMetrics metrics) {
        this.startWorkflow = startWorkflow;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        try {
            return consume(event);
        } finally {
            metrics.flush();
        }
    }

    private SQSBatchResponse consume(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                startWorkflow.start(SqsTaskMessages.taskId(message.getBody()));
            } catch (RuntimeException e) {
                log.warn("Message {} failed and will be delivered again: {}", message.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
