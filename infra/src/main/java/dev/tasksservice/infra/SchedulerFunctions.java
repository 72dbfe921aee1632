package dev.tasksservice.infra;

import dev.tasksservice.schema.DispatchQueueSchema;
import dev.tasksservice.schema.TasksTableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

/**
 * The three scheduler functions, one shaded jar picked apart by {@code SPRING_CLOUD_FUNCTION_DEFINITION}, each with
 * its trigger and exactly the permissions its code uses.
 */
public final class SchedulerFunctions {

    public static final String HANDLER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    /** FunctionInvoker finds the Spring application through it; a shaded jar's manifest is not read. */
    public static final String MAIN_CLASS = "dev.tasksservice.functions.SchedulerFunctionsApplication";

    public static final Duration POLLER_TIMEOUT = Duration.seconds(60);
    public static final Duration CONSUMER_TIMEOUT = Duration.seconds(DispatchQueueSchema.CONSUMER_TIMEOUT.toSeconds());
    public static final Duration EXECUTOR_TIMEOUT = Duration.seconds(60);
    /** SQS's largest batch for a standard queue without a batching window. */
    public static final int CONSUMER_BATCH_SIZE = 10;

    private SchedulerFunctions() {}

    /**
     * Every minute: finds the due tasks through the due index and queues them, then sweeps: a task still
     * IN_PROGRESS well past its time whose execution has ended is started again or marked FAILED.
     */
    public static LiveJavaFunction cronPoller(
            Construct scope,
            ResourceNames names,
            Code code,
            TaskStorage storage,
            DispatchQueues queues,
            TaskStateMachine workflow) {
        Map<String, String> environment = environment(names, "cronPoller");
        environment.put("TASKS_QUEUE_URL", queues.queue().getQueueUrl());
        environment.put("TASKS_STATE_MACHINE_ARN", workflow.stateMachine().getStateMachineArn());
        LiveJavaFunction poller = new LiveJavaFunction(
                scope, "CronPoller", new LiveJavaFunction.Spec(names, code, HANDLER, POLLER_TIMEOUT, environment));
        storage.grantOnTable(poller.function(), TaskStorage.STARTUP_CHECK);
        // Due and stuck tasks: their keys from the due index, then the tasks by id.
        storage.grantOnIndex(poller.function(), TasksTableSchema.DUE_INDEX, "dynamodb:Query");
        storage.grantOnTable(poller.function(), "dynamodb:BatchGetItem");
        queues.grantSend(poller.function());
        // The sweep: reads a stuck task's execution, and starts a new one or records FAILED.
        storage.grantOnTable(poller.function(), "dynamodb:GetItem", "dynamodb:UpdateItem");
        workflow.grantOnExecutions(poller.function(), "states:DescribeExecution");
        workflow.grantStartExecution(poller.function());
        Rule.Builder.create(scope, "PollEveryMinute")
                .description("Hands the tasks due within the lookahead to the queue")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(new LambdaFunction(poller.live())))
                .build();
        return poller;
    }

    /**
     * Takes due tasks off the queue, starts one execution per task and marks the task IN_PROGRESS. The first attempt
     * of a task due within a minute starts in the Express workflow, any other run in the Standard one.
     */
    public static LiveJavaFunction sqsConsumer(
            Construct scope,
            ResourceNames names,
            Code code,
            TaskStorage storage,
            DispatchQueues queues,
            TaskStateMachine workflow,
            ExpressTaskStateMachine expressWorkflow) {
        Map<String, String> environment = environment(names, "sqsConsumer");
        environment.put("TASKS_STATE_MACHINE_ARN", workflow.stateMachine().getStateMachineArn());
        environment.put(
                "TASKS_EXPRESS_STATE_MACHINE_ARN",
                expressWorkflow.stateMachine().getStateMachineArn());
        LiveJavaFunction consumer = new LiveJavaFunction(
                scope, "SqsConsumer", new LiveJavaFunction.Spec(names, code, HANDLER, CONSUMER_TIMEOUT, environment));
        storage.grantOnTable(consumer.function(), TaskStorage.STARTUP_CHECK, "dynamodb:GetItem", "dynamodb:UpdateItem");
        workflow.grantStartExecution(consumer.function());
        expressWorkflow.grantStartExecution(consumer.function());
        // A cancel that wins the race with the consumer stops the execution it just started; an execution that
        // already exists is looked at before it counts as started.
        workflow.grantOnExecutions(consumer.function(), "states:StopExecution", "states:DescribeExecution");
        // Adds the receive and delete permissions on the queue itself.
        consumer.live()
                .addEventSource(SqsEventSource.Builder.create(queues.queue())
                        .batchSize(CONSUMER_BATCH_SIZE)
                        // A message that failed is retried alone, not with the whole batch.
                        .reportBatchItemFailures(true)
                        .build());
        return consumer;
    }

    /**
     * Runs one attempt of a task for the state machine: delivers it to its target (a webhook signed with the stage's
     * secret, or a message on a queue that the settings name), records the attempt and answers what follows.
     */
    public static LiveJavaFunction taskExecutor(
            Construct scope,
            ResourceNames names,
            Code code,
            TaskStorage storage,
            WebhookSigningSecret signingSecret,
            TargetSettings targets) {
        Map<String, String> environment = environment(names, "taskExecutor");
        environment.put("TASKS_WEBHOOK_SECRET_ARN", signingSecret.arn());
        environment.putAll(targets.environment());
        LiveJavaFunction executor = new LiveJavaFunction(
                scope, "TaskExecutor", new LiveJavaFunction.Spec(names, code, HANDLER, EXECUTOR_TIMEOUT, environment));
        storage.grantOnTable(executor.function(), TaskStorage.STARTUP_CHECK, "dynamodb:GetItem", "dynamodb:UpdateItem");
        signingSecret.grantRead(executor.function());
        List<String> queues = targets.queues().stream()
                .map(queue -> Arn.format(
                        ArnComponents.builder()
                                .service("sqs")
                                .region(queue.region())
                                .account(queue.account())
                                .resource(queue.name())
                                .build(),
                        Stack.of(scope)))
                .toList();
        if (!queues.isEmpty()) {
            executor.function()
                    .addToRolePolicy(PolicyStatement.Builder.create()
                            .actions(List.of("sqs:SendMessage"))
                            .resources(queues)
                            .build());
        }
        return executor;
    }

    private static Map<String, String> environment(ResourceNames names, String functionDefinition) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_CLOUD_FUNCTION_DEFINITION", functionDefinition);
        environment.put("MAIN_CLASS", MAIN_CLASS);
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("TASKS_STAGE", names.stage());
        // The deployment owns the table: the functions only check it at startup.
        environment.put("TASKS_CREATE_TABLE", "false");
        return environment;
    }
}
