package dev.tasksservice.infra.asdeployed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a Lambda's execution role allows, read from the template's IAM policies with every ARN resolved, and how an AWS
 * SDK call maps onto IAM: the action it needs and the ARN of the resource it names.
 */
final class RolePolicy {

    /** One action allowed on one resource pattern ({@code *} matches anything, as in IAM). */
    record Grant(String action, String resource) {

        boolean allows(String calledAction, String resourceArn) {
            return action.equalsIgnoreCase(calledAction)
                    && glob(resource).matcher(resourceArn).matches();
        }

        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(
                        switch (c) {
                            case '*' -> ".*";
                            case '?' -> ".";
                            default -> Pattern.quote(String.valueOf(c));
                        });
            }
            return Pattern.compile(regex.toString());
        }
    }

    private final List<Grant> grants;

    private RolePolicy(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /** The grants of the role of the function {@code functionLogicalId}. */
    static RolePolicy of(CloudFormationTemplate template, String functionLogicalId) {
        String role = template.properties(functionLogicalId)
                .get("Role")
                .get("Fn::GetAtt")
                .get(0)
                .asString();
        List<Grant> grants = new ArrayList<>();
        for (String policy : template.logicalIds("AWS::IAM::Policy")) {
            JsonNode properties = template.properties(policy);
            boolean attached = false;
            for (JsonNode attachedRole : properties.get("Roles")) {
                attached |= role.equals(attachedRole.path("Ref").asString());
            }
            if (!attached) {
                continue;
            }
            for (JsonNode statement : properties.get("PolicyDocument").get("Statement")) {
                if (!"Allow".equals(statement.get("Effect").asString())) {
                    throw new AssertionError("only Allow statements are expected: " + statement);
                }
                for (JsonNode action : list(statement.get("Action"))) {
                    for (JsonNode resource : list(statement.get("Resource"))) {
                        grants.add(new Grant(action.asString(), template.resolve(resource)));
                    }
                }
            }
        }
        return new RolePolicy(grants);
    }

    List<Grant> grants() {
        return grants;
    }

    boolean allows(String action, String resourceArn) {
        return grants.stream().anyMatch(grant -> grant.allows(action, resourceArn));
    }

    /** The IAM action an SDK call needs: batch operations are authorised by their single form. */
    static String actionOf(AwsCall call) {
        String prefix = switch (call.service()) {
            case "DynamoDb" -> "dynamodb";
            case "Sqs" -> "sqs";
            case "Sfn" -> "states";
            case "SecretsManager", "Secrets Manager" -> "secretsmanager";
            default -> throw new IllegalArgumentException("Unexpected service " + call.service());
        };
        String operation = switch (call.operation()) {
            case "SendMessageBatch" -> "SendMessage";
            case "DeleteMessageBatch" -> "DeleteMessage";
            case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
            default -> call.operation();
        };
        return prefix + ":" + operation;
    }

    /** The ARN of the resource an SDK call names, in the template's account and region. */
    static String resourceArnOf(AwsCall call) {
        String region = CloudFormationTemplate.REGION;
        String account = CloudFormationTemplate.ACCOUNT;
        return switch (call.service()) {
            case "DynamoDb" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + call.resource();
            case "Sqs" ->
                "arn:aws:sqs:" + region + ":" + account + ":"
                        + call.resource().substring(call.resource().lastIndexOf('/') + 1);
            default -> call.resource();
        };
    }

    private static List<JsonNode> list(JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        return values;
    }
}
