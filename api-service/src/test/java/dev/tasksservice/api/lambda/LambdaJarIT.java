package dev.tasksservice.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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

    /**
     * A task scheduled with an API key; the same request without one refused; the API's documentation not served, as
     * on AWS unless asked for.
     */
    @Test
    void theJarAloneSchedulesATaskForAnApiKeyAndNothingWithoutOne() throws Exception {
        String stage = "lambda-jar-" + UUID.randomUUID();
        TaskTable.forStage(stage).createIfMissing(DynaliteServer.shared().client());
        Path event = work.resolve("event.json");
        Path response = work.resolve("response.json");
        Path keyless = work.resolve("keyless.json");
        Path keylessResponse = work.resolve("keyless-response.json");
        Path docs = work.resolve("docs.json");
        Path docsResponse = work.resolve("docs-response.json");
        Path log = work.resolve("function.log");
        String post;
        String get;
        try (InputStream fixture = getClass().getResourceAsStream("/events/apigateway-post-task.json");
                InputStream getFixture = getClass().getResourceAsStream("/events/apigateway-get-task.json")) {
            post = new String(fixture.readAllBytes(), StandardCharsets.UTF_8);
            get = new String(getFixture.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(event, post);
        Files.writeString(keyless, ApiLambdaHandlerIT.withoutApiKey(post));
        Files.writeString(
                docs, get.replace("/tasks/${taskId}", "/v3/api-docs").replace("tasks/${taskId}", "v3/api-docs"));

        Process function = new ProcessBuilder(
                        command(stage, event, response, keyless, keylessResponse, docs, docsResponse))
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
        ProxyResponse refused = ProxyResponse.read(Files.readAllBytes(keylessResponse));
        assertThat(refused.statusCode()).as("%s", refused).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        ProxyResponse noDocs = ProxyResponse.read(Files.readAllBytes(docsResponse));
        assertThat(noDocs.statusCode()).as("%s", noDocs).isEqualTo(404);
    }

    private List<String> command(String stage, Path... eventsAndResponses) throws IOException, URISyntaxException {
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
        for (Path file : eventsAndResponses) {
            command.add(file.toString());
        }
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
