package dev.tasksservice.infra;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.assertions.Template;

/** Finds the stack's Lambdas, their aliases and roles in a synthesized template. */
final class DeployedLambdas {

    private DeployedLambdas() {}

    /** The logical id of the scheduler function picked by {@code SPRING_CLOUD_FUNCTION_DEFINITION}. */
    static String schedulerFunction(Template template, String definition) {
        return onlyFunction(
                template,
                properties -> definition.equals(environment(properties).get("SPRING_CLOUD_FUNCTION_DEFINITION")),
                "scheduler function " + definition);
    }

    static String apiFunction(Template template) {
        return onlyFunction(
                template, properties -> TasksRestApi.HANDLER.equals(properties.get("Handler")), "API function");
    }

    static Map<String, Object> functionProperties(Template template, String logicalId) {
        return SynthesizedStack.properties(
                SynthesizedStack.resources(template, "AWS::Lambda::Function").get(logicalId));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> functionProperties) {
        Map<String, Object> environment = (Map<String, Object>) functionProperties.get("Environment");
        return environment == null ? Map.of() : (Map<String, Object>) environment.get("Variables");
    }

    /** The logical id of the alias {@code live} of the function {@code functionLogicalId}. */
    static String liveAlias(Template template, String functionLogicalId) {
        List<String> aliases = SynthesizedStack.resources(template, "AWS::Lambda::Alias").entrySet().stream()
                .filter(alias -> {
                    Map<String, Object> properties = SynthesizedStack.properties(alias.getValue());
                    return LiveJavaFunction.ALIAS.equals(properties.get("Name"))
                            && Map.of("Ref", functionLogicalId).equals(properties.get("FunctionName"));
                })
                .map(Map.Entry::getKey)
                .toList();
        if (aliases.size() != 1) {
            throw new AssertionError("expected one alias live of " + functionLogicalId + ", found " + aliases);
        }
        return aliases.getFirst();
    }

    /** The logical id of the function's execution role. */
    static String role(Template template, String functionLogicalId) {
        Object role = functionProperties(template, functionLogicalId).get("Role");
        return ((List<?>) ((Map<?, ?>) role).get("Fn::GetAtt")).getFirst().toString();
    }

    /** Whether {@code value} refers anywhere inside it to the resource {@code logicalId}. */
    static boolean mentions(Object value, String logicalId) {
        if (value instanceof Map<?, ?> map) {
            if (logicalId.equals(map.get("Ref"))) {
                return true;
            }
            return map.values().stream().anyMatch(inner -> mentions(inner, logicalId));
        }
        if (value instanceof List<?> list) {
            return logicalId.equals(list.isEmpty() ? null : list.getFirst())
                    || list.stream().anyMatch(inner -> mentions(inner, logicalId));
        }
        return false;
    }

    private static String onlyFunction(Template template, Predicate<Map<String, Object>> matches, String what) {
        List<String> ids = SynthesizedStack.resources(template, "AWS::Lambda::Function").entrySet().stream()
                .filter(function -> matches.test(SynthesizedStack.properties(function.getValue())))
                .map(Map.Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + what + ", found " + ids);
        }
        return ids.getFirst();
    }
}
