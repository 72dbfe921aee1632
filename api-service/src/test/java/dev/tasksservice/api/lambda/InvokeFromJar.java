package dev.tasksservice.api.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Started by {@link LambdaJarIT} in a JVM of its own, on the deployment jar: constructs the handler as Lambda does and
 * hands it events one after the other. Arguments: pairs of an event file and the file to write its proxy response to.
 */
public final class InvokeFromJar {

    private InvokeFromJar() {}

    public static void main(String[] args) throws IOException {
        StreamLambdaHandler handler = new StreamLambdaHandler();
        for (int i = 0; i + 1 < args.length; i += 2) {
            try (InputStream event = Files.newInputStream(Path.of(args[i]));
                    OutputStream response = Files.newOutputStream(Path.of(args[i + 1]))) {
                handler.handleRequest(event, response, new TestLambdaContext());
            }
        }
        // The started API keeps its threads, as it would between invocations on Lambda.
        System.exit(0);
    }
}
