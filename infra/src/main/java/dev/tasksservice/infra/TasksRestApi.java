package dev.tasksservice.infra;

import dev.tasksservice.schema.TasksTableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.ApiKey;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.LambdaRestApi;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * The tasks REST API: the Spring MVC application in a Lambda, every path proxied to it by API Gateway. Every method
 * requires an API key, taken by {@link ApiKeyAuthorizer} from {@code Authorization: Bearer} or {@code x-api-key};
 * each client has its key and a usage plan of its own (rate, burst, daily quota), and API Gateway passes the calling
 * key's id to the function as {@code requestContext.identity.apiKeyId}.
 */
public class TasksRestApi extends Construct {

    public static final String HANDLER = "dev.tasksservice.api.lambda.StreamLambdaHandler::handleRequest";
    /** API Gateway gives up on an integration after 29 s; the Lambda stops a little later. */
    public static final Duration TIMEOUT = Duration.seconds(30);

    private final LiveJavaFunction function;
    private final ApiKeyAuthorizer authorizer;
    private final LambdaRestApi restApi;
    private final List<ClientKey> keys = new ArrayList<>();

    public TasksRestApi(
            Construct scope,
            String id,
            ResourceNames names,
            Code code,
            TaskStorage storage,
            DispatchQueues queues,
            TaskStateMachine workflow,
            TargetSettings targets,
            ApiClients clients) {
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
        // Listings: the tenant's keys from the tenant index, then the tasks by id.
        storage.grantOnIndex(function.function(), TasksTableSchema.TENANT_INDEX, "dynamodb:Query");
        storage.grantOnTable(function.function(), "dynamodb:BatchGetItem");
        queues.grantSend(function.function());
        workflow.grantOnExecutions(function.function(), "states:StopExecution");

        authorizer = new ApiKeyAuthorizer(this, "ApiKey", names);
        restApi = LambdaRestApi.Builder.create(this, "RestApi")
                .restApiName(names.restApi())
                .handler(function.live())
                .proxy(true)
                // The key comes from the authorizer, which reads either header; API Gateway checks it.
                .apiKeySourceType(ApiKeySourceType.AUTHORIZER)
                .defaultMethodOptions(MethodOptions.builder()
                        .apiKeyRequired(true)
                        .authorizationType(AuthorizationType.CUSTOM)
                        .authorizer(authorizer.authorizer())
                        .build())
                .deployOptions(StageOptions.builder().stageName(names.stage()).build())
                // The role would be account-wide (API Gateway's logging setting), not this stack's to own.
                .cloudWatchRole(false)
                .build();
        ProblemGatewayResponses.addTo(restApi);
        clients.clients().forEach(client -> keys.add(clientKey(names, client)));
    }

    private ClientKey clientKey(ResourceNames names, ApiClients.Client client) {
        String id = "Client" + client.outputSuffix();
        // The value is generated by API Gateway at deployment, so it is in no template and no output.
        ApiKey key = ApiKey.Builder.create(this, id + "Key")
                .apiKeyName(names.apiKey(client.name()))
                .description("API key of client " + client.name() + " on stage " + names.stage())
                .enabled(true)
                .build();
        UsagePlan plan = UsagePlan.Builder.create(this, id + "Plan")
                .name(names.usagePlan(client.name()))
                .description("Limits of client " + client.name() + " on stage " + names.stage())
                .throttle(ThrottleSettings.builder()
                        .rateLimit(client.rate())
                        .burstLimit(client.burst())
                        .build())
                .quota(QuotaSettings.builder()
                        .limit(client.quota())
                        .period(Period.DAY)
                        .build())
                .apiStages(List.of(UsagePlanPerApiStage.builder()
                        .api(restApi)
                        .stage(restApi.getDeploymentStage())
                        .build()))
                .build();
        plan.addApiKey(key);
        return new ClientKey(client, key.getKeyId());
    }

    /** The API key of each client, in the order the settings name them. */
    public List<ClientKey> keys() {
        return List.copyOf(keys);
    }

    /**
     * A client's API key.
     *
     * @param keyId the key's id (a token until deployment), not its value
     */
    public record ClientKey(ApiClients.Client client, String keyId) {}

    public LiveJavaFunction function() {
        return function;
    }

    /** The function that checks each request's API key. */
    public ApiKeyAuthorizer authorizer() {
        return authorizer;
    }

    /** The base URL, ending in the stage and a slash: {@code https://{id}.execute-api.{region}.amazonaws.com/{stage}/}. */
    public String url() {
        return restApi.getUrl();
    }
}
