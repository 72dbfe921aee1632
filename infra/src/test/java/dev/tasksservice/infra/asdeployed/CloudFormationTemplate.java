package dev.tasksservice.infra.asdeployed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A synthesized CloudFormation template read as CloudFormation would deploy it into one account and region: its
 * intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join}) resolved to the physical names, URLs and
 * ARNs the resources get. Names that the template leaves to CloudFormation (a Lambda's function name) are taken to be
 * the logical id.
 */
final class CloudFormationTemplate {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode resources;
    private final Map<String, String> createdIds = new ConcurrentHashMap<>();

    private CloudFormationTemplate(JsonNode template) {
        this.resources = template.get("Resources");
    }

    static CloudFormationTemplate read(Path template) {
        try {
            return new CloudFormationTemplate(JSON.readTree(Files.readString(template)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logical ids of the resources of {@code type}, in template order. */
    List<String> logicalIds(String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (type.equals(resource.getValue().get("Type").asString())) {
                ids.add(resource.getKey());
            }
        });
        return ids;
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).get("Properties");
    }

    String type(String logicalId) {
        return resource(logicalId).get("Type").asString();
    }

    /** A property value, every intrinsic function in it resolved, as a string. */
    String string(String logicalId, String property) {
        return resolve(properties(logicalId).get(property));
    }

    /** A Lambda's environment variables, resolved. */
    Map<String, String> environment(String functionLogicalId) {
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode environment = properties(functionLogicalId).path("Environment").path("Variables");
        environment.properties().forEach(variable -> variables.put(variable.getKey(), resolve(variable.getValue())));
        return variables;
    }

    /** Resolves {@code value}: a string, or an intrinsic function whose result is a string. */
    String resolve(JsonNode value) {
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        if (value.has("Ref")) {
            return ref(value.get("Ref").asString());
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode getAtt = value.get("Fn::GetAtt");
            return getAtt(getAtt.get(0).asString(), getAtt.get(1).asString());
        }
        if (value.has("Fn::Join")) {
            JsonNode join = value.get("Fn::Join");
            return String.join(
                    join.get(0).asString(),
                    StreamSupport.stream(join.get(1).spliterator(), false)
                            .map(this::resolve)
                            .toList());
        }
        throw new IllegalArgumentException("Cannot resolve " + value);
    }

    /** What {@code Ref} answers for a pseudo parameter or a resource. */
    String ref(String name) {
        switch (name) {
            case "AWS::Partition":
                return "aws";
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        return switch (type(name)) {
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + queueName(name);
            case "AWS::StepFunctions::StateMachine" ->
                "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + string(name, "StateMachineName");
            case "AWS::Lambda::Alias" -> functionArn(properties(name).get("FunctionName")) + ":" + string(name, "Name");
            case "AWS::Lambda::Function" -> name;
            case "AWS::DynamoDB::Table" -> string(name, "TableName");
            case "AWS::SecretsManager::Secret", "AWS::ApiGateway::ApiKey" -> {
                String id = createdIds.get(name);
                if (id == null) {
                    throw new IllegalStateException(
                            name + " has not been created: its id is the one its service gives it at creation");
                }
                yield id;
            }
            default -> name;
        };
    }

    /**
     * Records what {@code Ref} answers for a resource whose physical id its service chose when it was created, as
     * Secrets Manager does for a secret's ARN (the name and six random characters) and API Gateway for a key's id.
     */
    void created(String logicalId, String physicalId) {
        createdIds.put(logicalId, physicalId);
    }

    /** What {@code Fn::GetAtt} answers for the attributes this stack uses. */
    String getAtt(String logicalId, String attribute) {
        String type = type(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" ->
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + string(logicalId, "TableName");
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName(logicalId);
            case "AWS::SQS::Queue.QueueName" -> queueName(logicalId);
            case "AWS::StepFunctions::StateMachine.Name" -> string(logicalId, "StateMachineName");
            case "AWS::Lambda::Function.Arn" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
            case "AWS::Logs::LogGroup.Arn" ->
                "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + logicalId + ":*";
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            default -> throw new IllegalArgumentException("Cannot resolve Fn::GetAtt " + logicalId + "." + attribute);
        };
    }

    private String functionArn(JsonNode functionName) {
        String name = resolve(functionName);
        return name.startsWith("arn:") ? name : "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    private String queueName(String logicalId) {
        return string(logicalId, "QueueName");
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        return resource;
    }
}
