package dev.tasksservice.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The Tasks Service for one stage: the table, the queue, the webhook signing secret, the three scheduler functions
 * with their triggers, the state machine and the REST API.
 */
public class TasksServiceStack extends Stack {

    public static final String API_URL_OUTPUT = "ApiUrl";

    public static final String WEBHOOK_SECRET_OUTPUT = "WebhookSecretArn";

    public TasksServiceStack(
            Construct scope,
            String id,
            StackProps props,
            ResourceNames names,
            LambdaCode code,
            TargetSettings targets) {
        super(scope, id, props);
        TaskStorage storage = new TaskStorage(this, "Tasks", names);
        DispatchQueues queues = new DispatchQueues(this, "Dispatch", names);
        WebhookSigningSecret signingSecret = new WebhookSigningSecret(this, "WebhookSigning", names);

        // The state machine calls the executor, and the consumer and the API name the state machine: in that order,
        // nothing refers back.
        LiveJavaFunction executor =
                SchedulerFunctions.taskExecutor(this, names, code.functions(), storage, signingSecret, targets);
        TaskStateMachine workflow = new TaskStateMachine(this, "Workflow", names, executor.live());
        SchedulerFunctions.cronPoller(this, names, code.functions(), storage, queues, workflow);
        SchedulerFunctions.sqsConsumer(this, names, code.functions(), storage, queues, workflow);

        TasksRestApi api = new TasksRestApi(this, "Api", names, code.api(), storage, queues, workflow, targets);
        CfnOutput.Builder.create(this, API_URL_OUTPUT)
                .description("Base URL of the tasks REST API")
                .value(api.url())
                .build();
        CfnOutput.Builder.create(this, WEBHOOK_SECRET_OUTPUT)
                .description("The secret that signs the webhooks; receivers verify with its value")
                .value(signingSecret.arn())
                .build();
    }
}
