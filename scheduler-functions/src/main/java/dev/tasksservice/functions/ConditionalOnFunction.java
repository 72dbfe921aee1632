package dev.tasksservice.functions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Builds a bean only for a Lambda that runs the function {@link #value()}: one named by
 * {@code spring.cloud.function.definition} ({@code SPRING_CLOUD_FUNCTION_DEFINITION}), or every function where none is
 * named (the local runtime runs all three in one JVM). A Lambda so builds nothing it does not use, and needs no setting
 * of the other functions.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(FunctionDefinitionCondition.class)
public @interface ConditionalOnFunction {

    /** The function's bean name, as the definition names it. */
    String value();
}
