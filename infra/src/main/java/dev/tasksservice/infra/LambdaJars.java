package dev.tasksservice.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two deployment packages: the shaded jar of the scheduler functions and the API's Lambda jar. */
public record LambdaJars(Path functions, Path api) {

    /** Where {@code make build} leaves the functions' jar, seen from infra/. */
    public static final String DEFAULT_FUNCTIONS_JAR =
            "../scheduler-functions/target/scheduler-functions-0.1.0-SNAPSHOT-aws.jar";
    /** Where {@code make build} leaves the API's Lambda jar, seen from infra/. */
    public static final String DEFAULT_API_JAR = "../api-service/target/api-service-lambda.jar";

    /**
     * The jars named by the context values {@code functionsJar} and {@code apiJar}, or the defaults where they are
     * absent; relative paths are taken from {@code workingDirectory} (infra/, where cdk.json is, for {@code cdk}).
     *
     * @throws IllegalStateException if a jar does not exist: deploying without the code is never what was meant
     */
    public static LambdaJars existing(Path workingDirectory, String functionsJar, String apiJar) {
        return new LambdaJars(
                existing(workingDirectory, "functionsJar", functionsJar, DEFAULT_FUNCTIONS_JAR),
                existing(workingDirectory, "apiJar", apiJar, DEFAULT_API_JAR));
    }

    private static Path existing(Path workingDirectory, String contextKey, String given, String fallback) {
        Path jar = workingDirectory.resolve(given == null || given.isBlank() ? fallback : given);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found: "
                    + jar.toAbsolutePath().normalize()
                    + ". Run `make build` in the project root first, or pass --context " + contextKey + "=<path>.");
        }
        return jar;
    }
}
