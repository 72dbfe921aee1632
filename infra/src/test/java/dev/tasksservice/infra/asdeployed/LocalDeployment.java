package dev.tasksservice.infra.asdeployed;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.delivery.SecretsManagerServer;
import dev.tasksservice.infra.TargetSettings;
import dev.tasksservice.infra.TasksRestApi;
import dev.tasksservice.infra.TasksServiceApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The stack as {@code make synth} writes it, deployed onto this machine: the CDK app synthesized with the real Lambda
 * jars, its table and queues created from the template's own properties in dynalite and ElasticMQ, its secret
 * generated as its properties say in a Secrets Manager on loopback, its state machine definition run by an Amazon
 * States Language interpreter, and each of its Lambda functions started from its asset jar with its handler and exactly
 * its environment variables from the template; only the endpoints of the local servers are added
 * ({@code AWS_ENDPOINT_URL_*}). Started once per test JVM.
 *
 * <p>The stack settings are those of a deployment whose targets are on this machine: targets may reach 127.0.0.1
 * (where the tests' receivers listen) and name one queue of its own ({@link #targetQueueUrl()}).
 */
final class LocalDeployment {

    static final String STAGE = "dev";

    /** The queue the deployment lets targets name, created in ElasticMQ. */
    static final String TARGET_QUEUE = "tasksTargets-" + STAGE;

    private static LocalDeployment shared;

    private final CloudFormationTemplate template;
    private final Map<String, LambdaProcess> functions = new LinkedHashMap<>();
    private final AslStepFunctionsServer stepFunctions;
    private final String stateMachineArn;
    private final String expressStateMachineArn;
    private final SecretsManagerServer secretsManager = SecretsManagerServer.start();
    private final Map<String, String> secretValues = new LinkedHashMap<>();
    private final Map<String, ApiGateway.Key> apiKeys = new LinkedHashMap<>();
    private final NodeAuthorizer authorizer;

    private LocalDeployment() {
        Path outdir = synthesize();
        template = CloudFormationTemplate.read(outdir.resolve("TasksServiceStack-" + STAGE + ".template.json"));
        createTables(DynaliteServer.shared().client());
        createQueues(ElasticMqServer.shared().client());
        ElasticMqServer.shared().client().createQueue(request -> request.queueName(TARGET_QUEUE));
        createSecrets();

        Map<String, String> secretsEndpoint = Map.of(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        String executor = schedulerFunction("taskExecutor");
        functions.put(executor, start(outdir, executor, secretsEndpoint));

        String stateMachine = stateMachine("STANDARD");
        String expressStateMachine = stateMachine("EXPRESS");
        stateMachineArn = template.ref(stateMachine);
        expressStateMachineArn = template.ref(expressStateMachine);
        stepFunctions = AslStepFunctionsServer.start(
                repositoryRoot(),
                List.of(
                        new AslStepFunctionsServer.Machine(stateMachineArn, definition(stateMachine), false),
                        new AslStepFunctionsServer.Machine(
                                expressStateMachineArn, definition(expressStateMachine), true)),
                Map.of(
                        executorAliasArn(executor),
                        functions.get(executor).invokeUrl().toString(),
                        template.getAtt(millisecondWait(), "Arn"),
                        "file:" + inlineCode(millisecondWait(), "millisecond-wait-as-deployed")));

        Map<String, String> endpoints = new LinkedHashMap<>(secretsEndpoint);
        endpoints.put("AWS_ENDPOINT_URL_SFN", stepFunctions.endpoint().toString());
        List<String> others = new ArrayList<>(javaFunctions());
        others.remove(executor);
        // Spring starts in seconds per function: start the others side by side.
        Map<String, CompletableFuture<LambdaProcess>> starting = new LinkedHashMap<>();
        others.forEach(id -> starting.put(id, CompletableFuture.supplyAsync(() -> start(outdir, id, endpoints))));
        starting.forEach((id, process) -> functions.put(id, process.join()));
        createApiKeys();
        authorizer = NodeAuthorizer.start(
                template.properties(apiKeyAuthorizer())
                        .get("Code")
                        .get("ZipFile")
                        .asString(),
                buildDirectory().resolve("api-key-authorizer-as-deployed"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-local-deployment"));
    }

    static synchronized LocalDeployment shared() {
        if (shared == null) {
            shared = new LocalDeployment();
        }
        return shared;
    }

    CloudFormationTemplate template() {
        return template;
    }

    AslStepFunctionsServer stepFunctions() {
        return stepFunctions;
    }

    /** The Standard state machine. */
    String stateMachineArn() {
        return stateMachineArn;
    }

    /** The Express state machine of the first attempts the consumer starts close to their time. */
    String expressStateMachineArn() {
        return expressStateMachineArn;
    }

    /** Every function of the template, by logical id. */
    Map<String, LambdaProcess> functions() {
        return functions;
    }

    /** The scheduler function that {@code SPRING_CLOUD_FUNCTION_DEFINITION} picks. */
    LambdaProcess function(String definition) {
        return functions.get(schedulerFunction(definition));
    }

    LambdaProcess api() {
        return functions.get(apiFunction());
    }

    String schedulerFunction(String definition) {
        return template.logicalIds("AWS::Lambda::Function").stream()
                .filter(id -> definition.equals(template.environment(id).get("SPRING_CLOUD_FUNCTION_DEFINITION")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Lambda runs " + definition));
    }

    String apiFunction() {
        return javaFunctions().stream()
                .filter(id -> TasksRestApi.HANDLER.equals(template.string(id, "Handler")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no API Lambda"));
    }

    /** The functions started here from their jars: the Java ones. */
    List<String> javaFunctions() {
        return template.logicalIds("AWS::Lambda::Function").stream()
                .filter(id -> template.string(id, "Runtime").startsWith("java"))
                .toList();
    }

    /** The REST API's authorizer function: Node.js, its code inline in the template. */
    String apiKeyAuthorizer() {
        String uris = template.logicalIds("AWS::ApiGateway::Authorizer").stream()
                .map(id -> template.properties(id).get("AuthorizerUri").toString())
                .reduce("", String::concat);
        return nodeFunctions().stream()
                .filter(id -> uris.contains("\"" + id + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no API key authorizer"));
    }

    /** The Node.js function the Express machine has wait out the milliseconds: the one that is no authorizer. */
    private String millisecondWait() {
        List<String> others = new ArrayList<>(nodeFunctions());
        others.remove(apiKeyAuthorizer());
        if (others.size() != 1) {
            throw new AssertionError("expected one Node.js function besides the authorizer: " + others);
        }
        return others.getFirst();
    }

    private List<String> nodeFunctions() {
        return template.logicalIds("AWS::Lambda::Function").stream()
                .filter(id -> template.string(id, "Runtime").startsWith("nodejs"))
                .toList();
    }

    /** What API Gateway does before the API: the authorizer (running), the stage's keys, the gateway responses. */
    ApiGateway.Gateway gateway() {
        Map<String, ApiGateway.Key> keysByValue = new LinkedHashMap<>();
        apiKeys.values().forEach(key -> keysByValue.put(key.value(), key));
        return new ApiGateway.Gateway(template, authorizer, keysByValue);
    }

    /** The API key of the client {@code client}, as API Gateway created it at deployment. */
    ApiGateway.Key apiKey(String client) {
        ApiGateway.Key key = apiKeys.get(client);
        if (key == null) {
            throw new AssertionError("no API key of client " + client + " in " + apiKeys.keySet());
        }
        return key;
    }

    /** The URL of the dispatch queue, as the template gives it to the functions. */
    String queueUrl() {
        return template.environment(schedulerFunction("cronPoller")).get("TASKS_QUEUE_URL");
    }

    /** The value of the webhook signing secret, as generated when the stack was deployed. */
    String webhookSecret() {
        List<String> values = List.copyOf(secretValues.values());
        if (values.size() != 1) {
            throw new AssertionError("expected one secret in the template, found " + secretValues.keySet());
        }
        return values.getFirst();
    }

    /** The URL of the queue the stack settings let targets name, as a client names it. */
    static String targetQueueUrl() {
        return "https://sqs." + CloudFormationTemplate.REGION + ".amazonaws.com/" + CloudFormationTemplate.ACCOUNT + "/"
                + TARGET_QUEUE;
    }

    String targetQueueName() {
        return TARGET_QUEUE;
    }

    /** The physical name of the tasks table. */
    String tableName() {
        return template.string(template.logicalIds("AWS::DynamoDB::Table").getFirst(), "TableName");
    }

    private void close() {
        functions.values().forEach(LambdaProcess::close);
        if (authorizer != null) {
            authorizer.close();
        }
        if (stepFunctions != null) {
            stepFunctions.close();
        }
        secretsManager.close();
    }

    /** What {@code make synth} runs: the CDK app, with the jars that the build just made. */
    private static Path synthesize() {
        Path outdir = buildDirectory().resolve("cdk.out-as-synthesized");
        App app = new App(AppProps.builder()
                .outdir(outdir.toString())
                .context(Map.of(
                        "stage",
                        STAGE,
                        TargetSettings.TARGET_ALLOW,
                        "127.0.0.1",
                        TargetSettings.TARGET_QUEUES,
                        targetQueueUrl()))
                .build());
        TasksServiceApp.define(app, repositoryRoot().resolve("infra"));
        app.synth();
        return outdir;
    }

    private LambdaProcess start(Path outdir, String logicalId, Map<String, String> extraEndpoints) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(
                "AWS_ENDPOINT_URL_DYNAMODB", DynaliteServer.shared().endpoint().toString());
        endpoints.put(
                "AWS_ENDPOINT_URL_SQS", ElasticMqServer.shared().endpoint().toString());
        endpoints.putAll(extraEndpoints);
        Map<String, String> environment = new LinkedHashMap<>(template.environment(logicalId));
        if (logicalId.equals(schedulerFunction("cronPoller"))) {
            // The one setting not the template's. The tests make a task due by moving its pick-up second, not by
            // waiting, and the poller's queue would hold such a task until shortly before its time, up to 15 minutes.
            // Here the poller sends at once; the hold is tested on the poller's function in FunctionInvokerIT and on
            // the queue in SqsDispatchQueueIT.
            environment.put("TASKS_DISPATCH_LEAD", "15m");
        }
        JsonNode code = template.properties(logicalId).get("Code");
        Path jar = outdir.resolve("asset." + code.get("S3Key").asString());
        return LambdaProcess.start(jar, template.string(logicalId, "Handler"), environment, endpoints, logicalId);
    }

    /** The inline code of {@code function} written to {@code index.js} in a folder of its own: its path. */
    private Path inlineCode(String function, String folder) {
        try {
            Path directory = buildDirectory().resolve(folder);
            Files.createDirectories(directory);
            return Files.writeString(
                            directory.resolve("index.js"),
                            template.properties(function)
                                    .get("Code")
                                    .get("ZipFile")
                                    .asString())
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String executorAliasArn(String executor) {
        return template.logicalIds("AWS::Lambda::Alias").stream()
                .filter(alias -> executor.equals(template.properties(alias)
                        .get("FunctionName")
                        .path("Ref")
                        .asString()))
                .map(template::ref)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the executor has no alias"));
    }

    /** The only state machine of the template of {@code type} (STANDARD or EXPRESS): its logical id. */
    private String stateMachine(String type) {
        List<String> machines = template.logicalIds("AWS::StepFunctions::StateMachine").stream()
                .filter(id -> type.equals(template.string(id, "StateMachineType")))
                .toList();
        if (machines.size() != 1) {
            throw new AssertionError("expected one " + type + " state machine, found " + machines);
        }
        return machines.getFirst();
    }

    private String definition(String stateMachine) {
        return template.resolve(template.properties(stateMachine).get("DefinitionString"));
    }

    /**
     * Each secret with a value generated as its {@code GenerateSecretString} says (CloudFormation generates it at
     * creation), and its ARN as Secrets Manager gives it.
     */
    private void createSecrets() {
        for (String secret : template.logicalIds("AWS::SecretsManager::Secret")) {
            JsonNode generate = template.properties(secret).get("GenerateSecretString");
            String value = generated(
                    generate.get("PasswordLength").asInt(),
                    generate.path("ExcludePunctuation").asBoolean(false),
                    generate.path("IncludeSpace").asBoolean(true));
            template.created(secret, secretsManager.putSecret(template.string(secret, "Name"), value));
            secretValues.put(secret, value);
        }
    }

    private static String generated(int length, boolean excludePunctuation, boolean includeSpace) {
        String characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                + (excludePunctuation ? "" : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + (includeSpace ? " " : "");
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            value.append(characters.charAt(random.nextInt(characters.length())));
        }
        return value.toString();
    }

    /**
     * Each API key with an id and a value as API Gateway generates them at creation (ten and forty letters and
     * digits), by client: the key's name is {@code <client>-<stage>}.
     */
    private void createApiKeys() {
        String lowerCase = "abcdefghijklmnopqrstuvwxyz0123456789";
        String mixedCase = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (String key : template.logicalIds("AWS::ApiGateway::ApiKey")) {
            String id = generated(lowerCase, 10);
            template.created(key, id);
            String name = template.string(key, "Name");
            apiKeys.put(
                    name.substring(0, name.length() - ("-" + STAGE).length()),
                    new ApiGateway.Key(id, generated(mixedCase, 40)));
        }
    }

    private static String generated(String characters, int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < length; i++) {
            value.append(characters.charAt(random.nextInt(characters.length())));
        }
        return value.toString();
    }

    /** CreateTable with the template's own key schema, attributes and indexes. */
    private void createTables(DynamoDbClient dynamoDb) {
        for (String table : template.logicalIds("AWS::DynamoDB::Table")) {
            JsonNode properties = template.properties(table);
            dynamoDb.createTable(request -> request.tableName(template.string(table, "TableName"))
                    .billingMode(
                            BillingMode.fromValue(properties.get("BillingMode").asString()))
                    .attributeDefinitions(elements(properties.get("AttributeDefinitions")).stream()
                            .map(attribute -> AttributeDefinition.builder()
                                    .attributeName(
                                            attribute.get("AttributeName").asString())
                                    .attributeType(
                                            attribute.get("AttributeType").asString())
                                    .build())
                            .toList())
                    .keySchema(keySchema(properties.get("KeySchema")))
                    .globalSecondaryIndexes(elements(properties.path("GlobalSecondaryIndexes")).stream()
                            .map(index -> GlobalSecondaryIndex.builder()
                                    .indexName(index.get("IndexName").asString())
                                    .keySchema(keySchema(index.get("KeySchema")))
                                    .projection(Projection.builder()
                                            .projectionType(ProjectionType.fromValue(index.get("Projection")
                                                    .get("ProjectionType")
                                                    .asString()))
                                            .build())
                                    .build())
                            .toList()));
        }
    }

    /** CreateQueue with the template's visibility timeout, retention and redrive policy; dead-letter queues first. */
    private void createQueues(SqsClient sqs) {
        List<String> queues = new ArrayList<>(template.logicalIds("AWS::SQS::Queue"));
        queues.sort((a, b) -> Boolean.compare(
                template.properties(a).has("RedrivePolicy"),
                template.properties(b).has("RedrivePolicy")));
        for (String queue : queues) {
            JsonNode properties = template.properties(queue);
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            if (properties.has("VisibilityTimeout")) {
                attributes.put(
                        QueueAttributeName.VISIBILITY_TIMEOUT,
                        properties.get("VisibilityTimeout").asString());
            }
            if (properties.has("RedrivePolicy")) {
                JsonNode redrive = properties.get("RedrivePolicy");
                String deadLetterName = template.getAtt(
                        redrive.get("deadLetterTargetArn")
                                .get("Fn::GetAtt")
                                .get(0)
                                .asString(),
                        "QueueName");
                String deadLetterArn = sqs.getQueueAttributes(
                                request -> request.queueUrl(sqs.getQueueUrl(name -> name.queueName(deadLetterName))
                                                .queueUrl())
                                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
                attributes.put(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":"
                                + redrive.get("maxReceiveCount").asString() + "}");
            }
            sqs.createQueue(request ->
                    request.queueName(template.string(queue, "QueueName")).attributes(attributes));
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        return elements(keys).stream()
                .map(key -> KeySchemaElement.builder()
                        .attributeName(key.get("AttributeName").asString())
                        .keyType(key.get("KeyType").asString())
                        .build())
                .toList();
    }

    private static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Path repositoryRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path buildDirectory() {
        Path directory = Path.of(System.getProperty("build.directory", "target"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
