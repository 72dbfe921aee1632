package dev.tasksservice.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment jar api-service-lambda.jar on its own, as Lambda loads it: without Tomcat, and still serving the API.
 * The build names the jar in the system property {@code lambda.jar}.
 */
class LambdaJarIT {

    private static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/api-service-lambda.jar"));
    // The test's own launcher and Context, copied beside the jar: the test classpath would bring Tomcat back.
    private static final List<Class<?>> LAUNCHER = List.of(InvokeFromJar.class, TestLambdaContext.class);

    @TempDir
    Path work;

    @Test
    void theJarCarriesNoEmbeddedServer() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .contains("dev/tasksservice/api/lambda/StreamLambdaHandler.class")
                    .noneMatch(name -> name.startsWith("org/apache/catalina/"));
        }
    }

    @Test
    void theJarAloneSchedulesATask() throws Exception {
        String stage = "lambda-jar-" + UUID.randomUUID();
        TaskTable.forStage(stage).createIfMissing(DynaliteServer.shared().client());
        Path event = work.resolve("event.json");
        Path response = work.resolve("response.json");
        Path log = work.resolve("function.log");
        try (InputStream fixture = getClass().getResourceAsStream("/events/apigateway-post-task.json")) {
            Files.copy(fixture, event);
        }

        Process function = new ProcessBuilder(command(stage, event, response))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        boolean finished = function.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            function.destroyForcibly();
        }
        assertThat(finished).as("answered within 90 s: %s", log).isTrue();
        assertThat(function.exitValue()).as(Files.readString(log)).isZero();
        ProxyResponse created = ProxyResponse.read(Files.readAllBytes(response));
        assertThat(created.statusCode()).as("%s", created).isEqualTo(201);
        assertThat(created.body().get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(Files.readString(log)).doesNotContain("Tomcat");
    }

    private List<String> command(String stage, Path event, Path response) throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(JAR.toAbsolutePath() + File.pathSeparator + launcherClasses());
        command.add("-Dspring.cloud.aws.dynamodb.endpoint="
                + DynaliteServer.shared().endpoint());
        command.add("-Dspring.cloud.aws.region.static=us-east-1");
        command.add("-Dspring.cloud.aws.credentials.access-key=local");
        command.add("-Dspring.cloud.aws.credentials.secret-key=local");
        command.add("-Dtasks.stage=" + stage);
        command.add(InvokeFromJar.class.getName());
        command.add(event.toString());
        command.add(response.toString());
        return command;
    }

    private Path launcherClasses() throws IOException, URISyntaxException {
        Path classes = work.resolve("classes");
        for (Class<?> type : LAUNCHER) {
            String pkg = type.getPackageName().replace('.', '/');
            Path source = Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve(pkg);
            Path target = Files.createDirectories(classes.resolve(pkg));
            try (var files = Files.list(source)) {
                for (Path file : files.filter(file -> isClassOf(type, file)).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        return classes;
    }

    /** The class itself and its nested and anonymous classes. */
    private static boolean isClassOf(Class<?> type, Path file) {
        String name = file.getFileName().toString();
        return name.equals(type.getSimpleName() + ".class") || name.startsWith(type.getSimpleName() + "$");
    }
}
