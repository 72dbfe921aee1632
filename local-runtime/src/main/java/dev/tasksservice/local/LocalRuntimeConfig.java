package dev.tasksservice.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.aws.SqsDispatchQueue;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.spring.TasksProperties;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.functions.TaskExecutor;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The local stand-ins for AWS: SQS in this JVM, the workflow on timers, the poller on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalRuntimeProperties.class)
@PropertySource("classpath:local-runtime.properties")
class LocalRuntimeConfig {

    /** Every task action of this JVM yields after its run: many tasks fall due at once here. */
    @Bean
    static BeanPostProcessor yieldAfterEachRun() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof TaskAction action && !(bean instanceof YieldAfterRun)
                        ? new YieldAfterRun(action)
                        : bean;
            }
        };
    }

    @Bean(destroyMethod = "close")
    EmbeddedSqs embeddedSqs(LocalRuntimeProperties properties) {
        return EmbeddedSqs.start(properties.sqsPort());
    }

    @Bean
    SqsClient sqsClient(EmbeddedSqs server) {
        return SqsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Bean
    LocalQueue localQueue(SqsClient sqs, TasksProperties properties) {
        return new LocalQueue(TaskQueue.forStage(properties.stage()).createIfMissing(sqs));
    }

    @Bean
    DispatchQueue dispatchQueue(SqsClient sqs, LocalQueue queue) {
        return new SqsDispatchQueue(sqs, queue.url());
    }

    @Bean(destroyMethod = "close")
    LocalTimerWorkflow taskWorkflow(
            @Qualifier("taskExecutor") Function<TaskExecutor.Input, TaskExecutor.Result> taskExecutor,
            RetryPolicy retryPolicy,
            LocalRuntimeProperties properties,
            Clock clock) {
        return new LocalTimerWorkflow(taskExecutor, retryPolicy, properties.wakeLead(), clock);
    }

    @Bean
    LocalSqsEventSource localSqsEventSource(
            SqsClient sqs,
            LocalQueue queue,
            @Qualifier("sqsConsumer") Function<SQSEvent, SQSBatchResponse> sqsConsumer,
            LocalRuntimeProperties properties) {
        return new LocalSqsEventSource(sqs, queue.url(), sqsConsumer, properties.consumers());
    }

    @Bean
    LocalPollSchedule localPollSchedule(@Qualifier("cronPoller") Function<ScheduledEvent, ?> cronPoller) {
        return new LocalPollSchedule(cronPoller);
    }

    @Bean
    LocalWorkflowRecovery localWorkflowRecovery(
            TaskStore store, TaskWorkflow workflow, RetryPolicy retryPolicy, Clock clock) {
        return new LocalWorkflowRecovery(store, workflow, retryPolicy, clock);
    }

    /** The URL of the local dispatch queue. */
    record LocalQueue(String url) {}
}
