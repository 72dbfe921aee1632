package dev.tasksservice.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.aws.DynamoDbTaskStore;
import dev.tasksservice.aws.ScannedDueTasks;
import dev.tasksservice.aws.SqsDispatchQueue;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.aws.spring.AwsCallTimeouts;
import dev.tasksservice.aws.spring.TasksProperties;
import dev.tasksservice.delivery.JdkHostResolver;
import dev.tasksservice.delivery.QueueSender;
import dev.tasksservice.delivery.TargetDelivery;
import dev.tasksservice.delivery.WebhookSecrets;
import dev.tasksservice.delivery.WebhookSender;
import dev.tasksservice.delivery.WebhookSigner;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.functions.TaskExecutor;
import dev.tasksservice.local.usage.ApiRequestUsage;
import dev.tasksservice.local.usage.AwsUsage;
import dev.tasksservice.local.usage.DynamoDbUsage;
import dev.tasksservice.local.usage.MeteredFunction;
import dev.tasksservice.local.usage.SqsUsage;
import dev.tasksservice.local.usage.UnbilledSleeper;
import dev.tasksservice.local.usage.WaitedTime;
import dev.tasksservice.local.usage.WorkflowMeter;
import dev.tasksservice.schema.MetricsSchema;
import dev.tasksservice.schema.TasksTableSchema;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stand-ins for AWS: SQS in this JVM, the workflow on timers, the poller on a schedule; and the delivery of
 * tasks to their targets (webhooks signed with the local secret, messages to the embedded SQS server's queues), by the
 * same rules the API checks targets with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalRuntimeProperties.class)
@PropertySource("classpath:local-runtime.properties")
class LocalRuntimeConfig {

    /**
     * Many tasks fall due at once in this JVM: their deliveries come before recording what became of them (see {@link
     * DeliveriesFirst}). The task action is counted while it delivers, and the store records an attempt once no
     * delivery is under way.
     */
    @Bean
    static BeanPostProcessor deliveriesFirst() {
        DeliveriesFirst deliveries = new DeliveriesFirst();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof TaskAction action && !(bean instanceof CountedDelivery)) {
                    return new CountedDelivery(action, deliveries);
                }
                if (bean instanceof TaskStore store && !(bean instanceof RecordsAfterDeliveries)) {
                    return new RecordsAfterDeliveries(store, deliveries);
                }
                return bean;
            }
        };
    }

    /** The AWS calls and units this runtime's work would cost when deployed; the bench prices them per task. */
    @Bean
    AwsUsage awsUsage() {
        return new AwsUsage();
    }

    @Bean
    DynamoDbClientCustomizer dynamoDbUsage(AwsUsage usage) {
        return builder -> builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new DynamoDbUsage(usage, TasksTableSchema.INDEXES))
                .build());
    }

    /** The executor's wait for a task's time is no deployed function's work ({@link WaitedTime}). */
    @Bean
    static BeanPostProcessor unbilledWaits(ObjectProvider<AwsUsage> usage) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof Sleeper sleeper && !(bean instanceof UnbilledSleeper)
                        ? new UnbilledSleeper(sleeper, usage::getObject)
                        : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<ApiRequestUsage> apiRequestUsage(AwsUsage usage) {
        FilterRegistrationBean<ApiRequestUsage> registration = new FilterRegistrationBean<>(new ApiRequestUsage(usage));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean(destroyMethod = "close")
    EmbeddedSqs embeddedSqs(Environment environment) {
        String external = environment.getProperty(LocalRuntimeDefaults.SQS_ENDPOINT, "");
        if (!external.isBlank()) {
            return EmbeddedSqs.external(URI.create(external.strip()));
        }
        return EmbeddedSqs.start(
                environment.getRequiredProperty(LocalRuntimeDefaults.SQS_PORT, Integer.class),
                environment.getProperty("tasks.local.stores-address", "127.0.0.1"));
    }

    @Bean
    SqsClient sqsClient(EmbeddedSqs server, AwsUsage usage) {
        return SqsClient.builder()
                .overrideConfiguration(AwsCallTimeouts.applyTo(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(new SqsUsage(usage))
                        .build()))
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
    DispatchQueue dispatchQueue(SqsClient sqs, LocalQueue queue, Clock clock, LocalRuntimeProperties properties) {
        // Held until shortly before the task's time, as on AWS, with room for the local store to claim a crowd.
        return new SqsDispatchQueue(sqs, queue.url(), clock, properties.dispatchLead());
    }

    @Bean
    WebhookSecrets webhookSecrets(LocalRuntimeProperties properties) {
        return LocalSigningSecret.load(properties.webhookSecret(), properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(TargetRules rules, WebhookSecrets secrets) {
        return new WebhookSender(rules, new WebhookSigner(secrets), new JdkHostResolver());
    }

    /** What the executor runs: the task delivered to its target; queue targets are the embedded server's queues. */
    @Bean
    TaskAction taskAction(TargetRules rules, WebhookSender webhooks, SqsClient sqs) {
        return new TargetDelivery(rules, webhooks, new QueueSender(sqs));
    }

    @Bean(destroyMethod = "close")
    LocalTimerWorkflow taskWorkflow(
            @Qualifier("taskExecutor") Function<TaskExecutor.Input, TaskExecutor.Result> taskExecutor,
            LocalRuntimeProperties properties,
            Clock clock,
            AwsUsage usage,
            @Value("${tasks.dispatch-lead:5s}") Duration deployedDispatchLead) {
        return new LocalTimerWorkflow(
                MeteredFunction.of("taskExecutor", taskExecutor, usage),
                properties.wakeLead(),
                properties.wakesPerSecond(),
                WorkflowMeter.of(usage, deployedDispatchLead),
                clock);
    }

    @Bean
    LocalSqsEventSource localSqsEventSource(
            SqsClient sqs,
            LocalQueue queue,
            @Qualifier("sqsConsumer") Function<SQSEvent, SQSBatchResponse> sqsConsumer,
            LocalRuntimeProperties properties,
            AwsUsage usage) {
        return new LocalSqsEventSource(
                sqs, queue.url(), MeteredFunction.of("sqsConsumer", sqsConsumer, usage), properties.consumers());
    }

    @Bean
    LocalPollSchedule localPollSchedule(
            @Qualifier("cronPoller") Function<ScheduledEvent, ?> cronPoller, AwsUsage usage) {
        return new LocalPollSchedule(MeteredFunction.of("cronPoller", cronPoller, usage));
    }

    @Bean
    LocalWorkflowRecovery localWorkflowRecovery(
            TaskStore store,
            DynamoDbClient dynamoDb,
            TaskTable table,
            TaskWorkflow workflow,
            Clock clock,
            ObjectProvider<TaskMetrics> metrics) {
        return new LocalWorkflowRecovery(
                store,
                new ScannedDueTasks(dynamoDb, table),
                workflow,
                clock,
                metrics.getIfAvailable(() -> TaskMetrics.NONE));
    }

    /**
     * The gauges of the local stand-ins, read at each scrape: the dispatch queue's depth and the timers armed (on AWS,
     * SQS's own metric and Step Functions' executions). Their beans are looked up then, so the registry, which the
     * task store's timing needs, does not wait for the workflow that needs the store.
     */
    @Bean
    MeterBinder localRuntimeGauges(
            ObjectProvider<SqsClient> sqs,
            ObjectProvider<LocalQueue> queue,
            ObjectProvider<LocalTimerWorkflow> timers) {
        return registry -> {
            Gauge.builder(MetricsSchema.QUEUE_DEPTH, () -> queueDepth(sqs.getObject(), queue.getObject()))
                    .description("Messages waiting in the dispatch queue")
                    .register(registry);
            Gauge.builder(MetricsSchema.TIMERS_ARMED, () -> timers.getObject().armed())
                    .description("Tasks whose in-process timer is armed, or whose attempt runs")
                    .register(registry);
        };
    }

    private static double queueDepth(SqsClient sqs, LocalQueue queue) {
        String depth = sqs.getQueueAttributes(request ->
                        request.queueUrl(queue.url()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return depth == null ? Double.NaN : Double.parseDouble(depth);
    }

    /**
     * Its own adapter on the runtime's table: the store bean is wrapped ({@link RecordsAfterDeliveries}) and offers
     * only the task store's capabilities.
     */
    @Bean
    ExpiredTaskRemoval expiredTaskRemoval(
            DynamoDbClient dynamoDb, TaskTable table, TasksProperties properties, Clock clock) {
        return new ExpiredTaskRemoval(new DynamoDbTaskStore(dynamoDb, table, properties.taskRetention()), clock);
    }

    /** The URL of the local dispatch queue. */
    record LocalQueue(String url) {}
}
