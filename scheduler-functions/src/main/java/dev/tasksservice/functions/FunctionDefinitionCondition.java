package dev.tasksservice.functions;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the function named by {@link ConditionalOnFunction} is the one to run, or no function is named. */
class FunctionDefinitionCondition implements Condition {

    static final String DEFINITION = "spring.cloud.function.definition";
    static final Set<String> FUNCTIONS = Set.of("cronPoller", "sqsConsumer", "taskExecutor");

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String function = (String) metadata.getAnnotationAttributes(ConditionalOnFunction.class.getName())
                .get("value");
        Set<String> defined = definedFunctions(context.getEnvironment().getProperty(DEFINITION, ""));
        return defined.isEmpty() || defined.contains(function);
    }

    /**
     * Stops a Lambda whose definition names no function of this jar: Spring Cloud Function would fall back to its
     * router, start, and fail on every event instead.
     */
    static void requireKnownFunction(String definition) {
        Set<String> defined = definedFunctions(definition);
        if (!defined.isEmpty() && defined.stream().noneMatch(FUNCTIONS::contains)) {
            throw new IllegalStateException(
                    "SPRING_CLOUD_FUNCTION_DEFINITION names no function of this jar: " + definition
                            + " (expected one of " + FUNCTIONS.stream().sorted().toList() + ")");
        }
    }

    /** The names in a definition such as {@code cronPoller}, or {@code a;b} for several, or {@code a|b} composed. */
    static Set<String> definedFunctions(String definition) {
        return Arrays.stream(definition.split("[;|,]"))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
