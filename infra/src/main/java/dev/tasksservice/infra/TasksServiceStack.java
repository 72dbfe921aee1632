package dev.tasksservice.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The Tasks Service for one stage: the table, the queue, the webhook signing secret, the three scheduler functions
 * with their triggers, the two state machines (Express for a first attempt, Standard for the rest), the REST API with the API key and usage plan of each client, and the alarms
 * and dashboard that watch them.
 */
public class TasksServiceStack extends Stack {

    public static final String API_URL_OUTPUT = "ApiUrl";

    public static final String WEBHOOK_SECRET_OUTPUT = "WebhookSecretArn";

    /** Followed by the client's name as in {@code ApiKeyIdAcmeEu}: the id of the client's API key. */
    public static final String API_KEY_ID_OUTPUT = "ApiKeyId";

    /** Followed by the client's name: the command that prints the value of the client's API key. */
    public static final String API_KEY_COMMAND_OUTPUT = "ApiKeyCommand";

    /**
     * @param retention how long finished tasks are kept, handed to every Java function
     * @param alarmEmail where to mail the alarms (see {@link TasksMonitoring}); null or blank for nobody
     */
    public TasksServiceStack(
            Construct scope,
            String id,
            StackProps props,
            ResourceNames names,
            LambdaCode code,
            TargetSettings targets,
            ApiClients clients,
            RetentionSetting retention,
            String alarmEmail) {
        super(scope, id, props);
        TaskStorage storage = new TaskStorage(this, "Tasks", names);
        DispatchQueues queues = new DispatchQueues(this, "Dispatch", names);
        WebhookSigningSecret signingSecret = new WebhookSigningSecret(this, "WebhookSigning", names);

        // The state machine calls the executor, and the consumer and the API name the state machine: in that order,
        // nothing refers back.
        LiveJavaFunction executor =
                SchedulerFunctions.taskExecutor(this, names, code.functions(), storage, signingSecret, targets);
        TaskStateMachine workflow = new TaskStateMachine(this, "Workflow", names, executor.live());
        ExpressTaskStateMachine expressWorkflow =
                new ExpressTaskStateMachine(this, "ExpressWorkflow", names, executor.live(), workflow);
        LiveJavaFunction poller =
                SchedulerFunctions.cronPoller(this, names, code.functions(), storage, queues, workflow);
        LiveJavaFunction consumer = SchedulerFunctions.sqsConsumer(
                this, names, code.functions(), storage, queues, workflow, expressWorkflow);

        TasksRestApi api =
                new TasksRestApi(this, "Api", names, code.api(), storage, queues, workflow, targets, clients);
        // Every function that may make a task final sets its expiry by the stage's retention.
        for (LiveJavaFunction java : List.of(executor, poller, consumer, api.function())) {
            retention.environment().forEach(java.function()::addEnvironment);
        }
        Map<String, IFunction> functions = new LinkedHashMap<>();
        functions.put("CronPoller", poller.function());
        functions.put("SqsConsumer", consumer.function());
        functions.put("TaskExecutor", executor.function());
        functions.put("Api", api.function().function());
        functions.put("ApiKeyAuthorizer", api.authorizer().function());
        functions.put("MillisecondWait", expressWorkflow.millisecondWait().function());
        new TasksMonitoring(this, "Monitoring", names, queues, workflow, expressWorkflow, functions, alarmEmail);
        CfnOutput.Builder.create(this, API_URL_OUTPUT)
                .description("Base URL of the tasks REST API")
                .value(api.url())
                .build();
        CfnOutput.Builder.create(this, WEBHOOK_SECRET_OUTPUT)
                .description("The secret that signs the webhooks; receivers verify with its value")
                .value(signingSecret.arn())
                .build();
        for (TasksRestApi.ClientKey key : api.keys()) {
            String client = key.client().name();
            CfnOutput.Builder.create(this, API_KEY_ID_OUTPUT + key.client().outputSuffix())
                    .description("Id of the API key of client " + client + " (the id, not the key)")
                    .value(key.keyId())
                    .build();
            CfnOutput.Builder.create(this, API_KEY_COMMAND_OUTPUT + key.client().outputSuffix())
                    .description("Prints the API key of client " + client)
                    .value(apiKeyCommand(key.keyId()))
                    .build();
        }
    }

    /** The AWS CLI command that prints the value of the API key {@code keyId}. */
    static String apiKeyCommand(String keyId) {
        return "aws apigateway get-api-key --api-key " + keyId + " --include-value --query value --output text";
    }
}
