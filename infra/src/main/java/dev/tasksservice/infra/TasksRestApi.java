package dev.tasksservice.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** The tasks REST API: the Spring MVC application in a Lambda, every path proxied to it by API Gateway. */
public class TasksRestApi extends Construct {

    public static final String HANDLER = "dev.tasksservice.api.lambda.StreamLambdaHandler::handleRequest";
    /** API Gateway gives up on an integration after 29 s; the Lambda stops a little later. */
    public static final Duration TIMEOUT = Duration.seconds(30);

    private final LiveJavaFunction function;
    private final LambdaRestApi restApi;

    public TasksRestApi(
            Construct scope,
            String id,
            ResourceNames names,
            Code code,
            TaskStorage storage,
            DispatchQueues queues,
            TaskStateMachine workflow,
            TargetSettings targets) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("TASKS_STAGE", names.stage());
        environment.put("TASKS_CREATE_TABLE", "false");
        // A task due within the lookahead goes to the queue at once instead of waiting for the next poll.
        environment.put("TASKS_QUEUE_URL", queues.queue().getQueueUrl());
        // Cancelling a task stops its execution.
        environment.put("TASKS_STATE_MACHINE_ARN", workflow.stateMachine().getStateMachineArn());
        // A task's target is checked when it is created, by the rules the executor delivers by.
        environment.putAll(targets.environment());
        function = new LiveJavaFunction(
                this, "Handler", new LiveJavaFunction.Spec(names, code, HANDLER, TIMEOUT, environment));

        storage.grantOnTable(
                function.function(),
                TaskStorage.STARTUP_CHECK,
                "dynamodb:PutItem",
                "dynamodb:GetItem",
                "dynamodb:UpdateItem");
        storage.grantOnStatusIndex(function.function(), "dynamodb:Query");
        queues.grantSend(function.function());
        workflow.grantOnExecutions(function.function(), "states:StopExecution");

        restApi = LambdaRestApi.Builder.create(this, "RestApi")
                .restApiName(names.restApi())
                .handler(function.live())
                .proxy(true)
                .deployOptions(StageOptions.builder().stageName(names.stage()).build())
                // The role would be account-wide (API Gateway's logging setting), not this stack's to own.
                .cloudWatchRole(false)
                .build();
    }

    public LiveJavaFunction function() {
        return function;
    }

    /** The base URL, ending in the stage and a slash: {@code https://{id}.execute-api.{region}.amazonaws.com/{stage}/}. */
    public String url() {
        return restApi.getUrl();
    }
}
