package dev.tasksservice.infra;

import com.github.dockerjava.api.DockerClient;
import io.floci.testcontainers.FlociContainer;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The AWS emulators the deployed stack is tested on, started by Testcontainers. The images are the ones
 * docker-compose.yml starts (AwsEmulatorTest holds the two together), so the suite tests what developers run.
 */
enum AwsEmulator {
    FLOCI("floci/floci:1.5.33") {
        @Override
        GenericContainer<?> container() {
            // A network of its own, on which Floci also starts the Lambda containers, so they can call back into it.
            return new FlociContainer(DockerImageName.parse(image())).withDedicatedNetwork();
        }

        @Override
        void removeLambdaContainers(GenericContainer<?> emulator) {
            // Floci starts them through the Docker socket, unknown to Testcontainers' reaper, and they would outlive
            // the emulator, each a JVM of 1 GB. They are the other containers on its dedicated network.
            String network = ((FlociContainer) emulator).getDedicatedNetworkName();
            DockerClient docker = emulator.getDockerClient();
            docker.listContainersCmd().withShowAll(true).withNetworkFilter(List.of(network)).exec().stream()
                    .map(container -> container.getId())
                    .filter(id -> !id.equals(emulator.getContainerId()))
                    .forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
        }
    },
    LOCALSTACK("localstack/localstack:4.14.0") {
        @Override
        GenericContainer<?> container() {
            // The same settings as the localstack service in docker-compose.yml.
            return new LocalStackContainer(DockerImageName.parse(image()))
                    .withServices(
                            "dynamodb",
                            "sqs",
                            "stepfunctions",
                            "lambda",
                            "events",
                            "apigateway",
                            "iam",
                            "sts",
                            "cloudformation",
                            "s3",
                            "ssm",
                            "logs",
                            "ecr")
                    .withEnv("SQS_ENDPOINT_STRATEGY", "domain")
                    .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120")
                    // Only needed for a tag newer than 4.14.0.
                    .withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""))
                    .withStartupTimeout(Duration.ofMinutes(3));
        }

        @Override
        void removeLambdaContainers(GenericContainer<?> emulator) {
            // Nothing to do: LocalStackContainer labels them so that Testcontainers' reaper removes them.
        }
    };

    /** The system property that picks the emulator: {@code -De2e.emulator=localstack}. */
    static final String PROPERTY = "e2e.emulator";

    /** The port both emulators serve every AWS API on. */
    static final int PORT = 4566;

    private final String image;

    AwsEmulator(String image) {
        this.image = image;
    }

    /** The emulator named by {@value #PROPERTY}, Floci when it is not set. */
    static AwsEmulator selected() {
        return named(System.getProperty(PROPERTY, "floci"));
    }

    static AwsEmulator named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be one of "
                    + Arrays.stream(values()).map(AwsEmulator::id).collect(Collectors.joining(", "))
                    + ", not " + name);
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String image() {
        return image;
    }

    /** A container of this emulator, not started. */
    abstract GenericContainer<?> container();

    /** Removes the containers the started emulator ran the Lambdas in, which Testcontainers would leave behind. */
    abstract void removeLambdaContainers(GenericContainer<?> emulator);

    /** Where this machine reaches the started emulator: every service, on one mapped port. */
    static URI endpoint(GenericContainer<?> container) {
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
    }
}
