package dev.tasksservice.local.usage;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts the SQS requests of the local runtime: sends, receives that brought messages, deletes. A receive that found
 * nothing is counted apart: the pollers make those whether tasks come or not (on AWS, Lambda's own pollers do).
 */
public final class SqsUsage implements ExecutionInterceptor {

    private final AwsUsage usage;

    public SqsUsage(AwsUsage usage) {
        this.usage = usage;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof ReceiveMessageResponse receive
                && receive.messages().isEmpty()) {
            usage.add(AwsUsage.SQS_EMPTY_RECEIVES, 1);
        } else {
            usage.add(AwsUsage.SQS_REQUESTS, 1);
        }
    }
}
