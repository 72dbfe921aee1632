package dev.tasksservice.api.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Started by {@link LambdaJarIT} in a JVM of its own, on the deployment jar: constructs the handler as Lambda does and
 * hands it one event. Arguments: the event file, the file to write the proxy response to.
 */
public final class InvokeFromJar {

    private InvokeFromJar() {}

    public static void main(String[] args) throws IOException {
        StreamLambdaHandler handler = new StreamLambdaHandler();
        try (InputStream event = Files.newInputStream(Path.of(args[0]));
                OutputStream response = Files.newOutputStream(Path.of(args[1]))) {
            handler.handleRequest(event, response, new TestLambdaContext());
        }
        // The started API keeps its threads, as it would between invocations on Lambda.
        System.exit(0);
    }
}
