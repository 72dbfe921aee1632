package dev.tasksservice.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
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
            IStateMachine stateMachine) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("TASKS_STAGE", names.stage());
        environment.put("TASKS_CREATE_TABLE", "false");
        // A task due within the lookahead goes to the queue at once instead of waiting for the next poll.
        environment.put("TASKS_QUEUE_URL", queues.queue().getQueueUrl());
        // Cancelling a task stops its execution.
        environment.put("TASKS_STATE_MACHINE_ARN", stateMachine.getStateMachineArn());
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
        function.function()
                .addToRolePolicy(PolicyStatement.Builder.create()
                        .actions(List.of("states:StopExecution"))
                        .resources(List.of(executionsOf(names)))
                        .build());

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

    /**
     * {@code arn:...:states:{region}:{account}:execution:tasksStateMachine-{stage}:*}: every execution of this stage's
     * state machine, and nothing else. Built from the name, which the stack fixes, rather than split out of the ARN.
     */
    private String executionsOf(ResourceNames names) {
        return Arn.format(
                ArnComponents.builder()
                        .service("states")
                        .resource("execution")
                        .resourceName(names.stateMachine() + ":*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build(),
                Stack.of(this));
    }
}
