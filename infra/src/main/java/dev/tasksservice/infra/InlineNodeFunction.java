package dev.tasksservice.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * A small Node.js function whose code is a resource of this module, carried inline in the template (Lambda writes it
 * to {@code index.js}), with a role that may only write its own logs: it starts in milliseconds where a JVM would take
 * seconds.
 */
final class InlineNodeFunction {

    static final String HANDLER = "index.handler";
    /** Node.js at its newest in this CDK: the code uses nothing beyond what Node.js 20 has. */
    static final Runtime RUNTIME = Runtime.NODEJS_24_X;

    private InlineNodeFunction() {}

    /** The function {@code Function} under {@code scope}, running the code in {@code resource}. */
    static Function create(Construct scope, ResourceNames names, String resource, int memoryMb, Duration timeout) {
        FunctionLogging logging = FunctionLogging.create(scope, names);
        return Function.Builder.create(scope, "Function")
                .role(logging.role())
                .runtime(RUNTIME)
                .code(Code.fromInline(source(resource)))
                .handler(HANDLER)
                .memorySize(memoryMb)
                .timeout(timeout)
                .logGroup(logging.logs())
                .build();
    }

    static String source(String resource) {
        try (InputStream in = InlineNodeFunction.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
