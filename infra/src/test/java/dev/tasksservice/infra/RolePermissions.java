package dev.tasksservice.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.assertions.Template;

/** What an IAM role of the stack may do: each allowed action with the resources it is allowed on, rendered. */
final class RolePermissions {

    private RolePermissions() {}

    static Map<String, Set<String>> of(Template template, String roleLogicalId) {
        Map<String, Set<String>> permissions = new TreeMap<>();
        for (Map<?, ?> statement : statementsOf(template, roleLogicalId)) {
            if (!"Allow".equals(statement.get("Effect"))) {
                throw new AssertionError("unexpected statement " + statement);
            }
            for (String action : strings(statement.get("Action"))) {
                for (String resource : strings(statement.get("Resource"))) {
                    permissions.computeIfAbsent(action, any -> new TreeSet<>()).add(resource);
                }
            }
        }
        return permissions;
    }

    /** Every statement of every policy attached to the role. */
    static List<Map<?, ?>> statementsOf(Template template, String roleLogicalId) {
        List<Map<?, ?>> statements = new ArrayList<>();
        SynthesizedStack.resources(template, "AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> properties = SynthesizedStack.properties(policy);
            if (((List<?>) properties.get("Roles")).contains(Map.of("Ref", roleLogicalId))) {
                statements.addAll(statements(properties.get("PolicyDocument")));
            }
        });
        return statements;
    }

    /** Every statement of every IAM policy in the template. */
    static List<Map<?, ?>> allStatements(Template template) {
        List<Map<?, ?>> statements = new ArrayList<>();
        SynthesizedStack.resources(template, "AWS::IAM::Policy")
                .values()
                .forEach(policy -> statements.addAll(
                        statements(SynthesizedStack.properties(policy).get("PolicyDocument"))));
        return statements;
    }

    /** An action or resource, or a list of them, rendered. */
    static List<String> strings(Object actionsOrResources) {
        if (actionsOrResources instanceof List<?> list) {
            return list.stream().map(CloudFormationValues::render).toList();
        }
        return List.of(CloudFormationValues.render(actionsOrResources));
    }

    private static List<Map<?, ?>> statements(Object policyDocument) {
        return ((List<?>) ((Map<?, ?>) policyDocument).get("Statement"))
                .stream().<Map<?, ?>>map(statement -> (Map<?, ?>) statement).toList();
    }
}
