package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.aws.spring.AwsClients;
import dev.tasksservice.delivery.JdkHostResolver;
import dev.tasksservice.delivery.QueueSender;
import dev.tasksservice.delivery.SecretsManagerWebhookSecrets;
import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.Paging;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.time.Clock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The three functions and the use cases behind them; each Lambda builds only its own (see {@link ConditionalOnFunction}).
 * The ports (store, queue, workflow) come from tasks-aws, which builds the queue and the workflow only when their
 * settings are given.
 */
@Configuration(proxyBeanMethods = false)
public class FunctionsConfig {

    static final String QUEUE_URL = "TASKS_QUEUE_URL";
    static final String STATE_MACHINE_ARN = "TASKS_STATE_MACHINE_ARN";
    /** Optional, set for the consumer alone: the first runs it starts close to their time go to this Express workflow. */
    static final String EXPRESS_STATE_MACHINE_ARN = "TASKS_EXPRESS_STATE_MACHINE_ARN";

    static final String WEBHOOK_SECRET_ARN = "TASKS_WEBHOOK_SECRET_ARN";

    /** Fails the start of a Lambda whose function definition names none of the functions here. */
    @Bean
    static BeanFactoryPostProcessor functionDefinitionCheck(Environment environment) {
        FunctionDefinitionCondition.requireKnownFunction(
                environment.getProperty(FunctionDefinitionCondition.DEFINITION, ""));
        return beanFactory -> {};
    }

    @Bean
    @ConditionalOnFunction("cronPoller")
    Function<ScheduledEvent, CronPoller.Result> cronPoller(
            TaskStore store,
            ObjectProvider<DispatchQueue> queue,
            ObjectProvider<TaskWorkflow> workflow,
            Clock clock,
            ObjectProvider<TaskMetrics> metrics) {
        DispatchQueue dueTasks = RequiredSetting.of(queue, "cronPoller", QUEUE_URL, "the queue due tasks are sent to");
        TaskWorkflow stateMachine = RequiredSetting.of(
                workflow, "cronPoller", STATE_MACHINE_ARN, "the state machine of the tasks it sweeps");
        TaskMetrics recorder = metrics(metrics);
        return new CronPoller(
                new DispatchDueTasks(store, dueTasks, clock, Paging.DEFAULT, recorder),
                new RecoverStuckTasks(store, stateMachine, clock, RecoverStuckTasks.Settings.DEFAULT, recorder),
                recorder);
    }

    /**
     * Starts each task's run. With {@value #EXPRESS_STATE_MACHINE_ARN} set, the workflow (tasks-aws) starts a first
     * attempt due within a minute in that Express state machine, and every other run in the Standard one; the poller's
     * sweep, whose re-drives are never first runs, has only the Standard one.
     */
    @Bean
    @ConditionalOnFunction("sqsConsumer")
    Function<SQSEvent, SQSBatchResponse> sqsConsumer(
            TaskStore store, ObjectProvider<TaskWorkflow> workflow, Clock clock, ObjectProvider<TaskMetrics> metrics) {
        TaskWorkflow stateMachine =
                RequiredSetting.of(workflow, "sqsConsumer", STATE_MACHINE_ARN, "the state machine that runs each task");
        TaskMetrics recorder = metrics(metrics);
        return new SqsConsumer(new StartTaskWorkflow(store, stateMachine, clock, recorder), recorder);
    }

    @Bean
    @ConditionalOnFunction("taskExecutor")
    Function<TaskExecutor.Input, TaskExecutor.Result> taskExecutor(
            TaskStore store, TaskAction action, Sleeper sleeper, Clock clock, ObjectProvider<TaskMetrics> metrics) {
        TaskMetrics recorder = metrics(metrics);
        return new TaskExecutor(
                new ExecuteTask(store, action, sleeper, clock, RandomGenerator.getDefault(), recorder), recorder);
    }

    /** The runtime's metrics (see tasks-metrics), written at the end of each invocation; none in a bare context. */
    private static TaskMetrics metrics(ObjectProvider<TaskMetrics> metrics) {
        return metrics.getIfAvailable(() -> TaskMetrics.NONE);
    }

    /**
     * Delivers each task to its target: a webhook signed with the secret {@value #WEBHOOK_SECRET_ARN} names (read from
     * Secrets Manager), or a message on a queue, as the deployment's target rules allow.
     */
    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean(TaskAction.class)
    TaskAction taskAction(
            @Value("${" + WEBHOOK_SECRET_ARN + ":}") String secretArn,
            TargetRules rules,
            SecretsManagerClient secretsManager,
            SqsClient sqs,
            Clock clock) {
        if (secretArn.isBlank()) {
            throw new IllegalStateException("taskExecutor cannot start: the environment variable " + WEBHOOK_SECRET_ARN
                    + " is not set (the secret that signs the webhooks).");
        }
        return new CurrentSecretDelivery(
                () -> SecretsManagerWebhookSecrets.load(secretsManager, secretArn),
                rules,
                new JdkHostResolver(),
                new QueueSender(sqs),
                clock);
    }

    /** Reads the signing secret. */
    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    SecretsManagerClient signingSecretClient(
            AwsCredentialsProvider credentials,
            AwsRegionProvider region,
            @Value("${spring.cloud.aws.secretsmanager.endpoint:}") String endpoint) {
        return AwsClients.build(SecretsManagerClient.builder(), credentials, region, endpoint);
    }

    /** Sends to the queue targets (the dispatch queue's client is built only where that queue is set). */
    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    SqsClient targetQueueClient(
            AwsCredentialsProvider credentials,
            AwsRegionProvider region,
            @Value("${spring.cloud.aws.sqs.endpoint:}") String endpoint) {
        return AwsClients.build(SqsClient.builder(), credentials, region, endpoint);
    }

    /** Where tasks may be delivered: {@code TASKS_TARGET_ALLOW}, {@code TASKS_TARGET_QUEUES}, {@code TASKS_DEFAULT_TARGET}. */
    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    TargetRules targetRules(
            @Value("${TASKS_TARGET_ALLOW:}") String allow,
            @Value("${TASKS_TARGET_QUEUES:}") String queues,
            @Value("${TASKS_DEFAULT_TARGET:}") String defaultTarget) {
        try {
            return TargetRules.parse(allow, queues, defaultTarget);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("taskExecutor cannot start: " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    Sleeper sleeper(Clock clock) {
        return new ClockSleeper(clock);
    }
}
