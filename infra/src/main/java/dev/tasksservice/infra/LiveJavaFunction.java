package dev.tasksservice.infra;

import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.constructs.Construct;

/**
 * A Java 21 Lambda with SnapStart, and its alias {@value #ALIAS}, which every trigger calls. SnapStart only applies to
 * published versions, so a trigger on {@code $LATEST} would start cold every time: the alias points at the version
 * published from the current code and configuration.
 */
public class LiveJavaFunction extends Construct {

    public static final String ALIAS = "live";
    /** Lambda gives CPU in proportion to memory: Spring's startup and the JIT are slow on the 128 MB default. */
    public static final int MEMORY_MB = 1024;

    private final Function function;
    private final Alias live;

    public LiveJavaFunction(Construct scope, String id, Spec spec) {
        super(scope, id);
        FunctionLogging logging = FunctionLogging.create(this, spec.names());
        function = Function.Builder.create(this, "Function")
                .role(logging.role())
                .runtime(Runtime.JAVA_21)
                .code(spec.code())
                .handler(spec.handler())
                .memorySize(MEMORY_MB)
                .timeout(spec.timeout())
                .environment(spec.environment())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logging.logs())
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish", "the alias live runs a published version");
        live = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    public Function function() {
        return function;
    }

    /** What triggers and callers invoke. */
    public Alias live() {
        return live;
    }

    /**
     * What a Lambda is made of here.
     *
     * @param environment the variables the code reads; the stage's resources are passed by name or address
     */
    public record Spec(
            ResourceNames names, Code code, String handler, Duration timeout, Map<String, String> environment) {}
}
