package dev.tasksservice.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The local runtime's defaults for the settings it shares with the API, in place before any bean reads them: targets
 * may reach this machine ({@code TASKS_TARGET_ALLOW}: loopback) and any queue of the embedded SQS server
 * ({@code TASKS_TARGET_QUEUES}: its base URL), and the API keys are read from the data folder
 * ({@code TASKS_API_KEYS_FILE}: {@code <LOCAL_DATA_DIR>/api-keys}). All sit below every other source, so a setting given in the
 * environment wins. The embedded server's port is {@value #SQS_PORT}, with 0 resolved to one free port the first time
 * it is read, so that the server and the queues' base URL agree; with {@value #SQS_ENDPOINT} set, the runtime starts no
 * server and uses that one (shared by several runtimes), and the queues' base URL is its. Applies only to {@link
 * LocalRuntimeApplication}.
 */
public class LocalRuntimeDefaults implements EnvironmentPostProcessor {

    /** Targets may reach this machine, and only it, among the internal addresses. */
    static final String LOOPBACK = "localhost,127.0.0.0/8,::1";

    /** The port the embedded SQS server listens on: {@code tasks.local.sqs-port}, with 0 resolved to a free one. */
    static final String SQS_PORT = "tasks.local.resolved-sqs-port";

    /** The local API keys' file in the data folder, where {@code make api-key} writes. */
    static final String API_KEYS_FILE = "api-keys";

    /** An SQS server outside this JVM ({@code TASKS_LOCAL_SQS_ENDPOINT}); blank for the embedded one. */
    static final String SQS_ENDPOINT = "tasks.local.sqs-endpoint";

    /** What the queue URLs of the SQS server in use begin with. */
    static final String SQS_BASE_URL = "tasks.local.resolved-sqs-base-url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(LocalRuntimeApplication.class)) {
            return;
        }
        // Read when the beans are made, when every source (test properties included) is in place.
        environment.getPropertySources().addLast(new ResolvedSqsPort(environment));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "localRuntimeDefaults",
                        Map.of(
                                "TASKS_TARGET_ALLOW",
                                LOOPBACK,
                                "TASKS_TARGET_QUEUES",
                                "${" + SQS_BASE_URL + "}",
                                "TASKS_API_KEYS_FILE",
                                "${tasks.local.data-dir}/" + API_KEYS_FILE)));
    }

    /**
     * {@value #SQS_PORT}: the configured port, or a free one chosen once when it is 0; {@value #SQS_BASE_URL}: the
     * configured endpoint's, else the embedded server's.
     */
    private static final class ResolvedSqsPort extends PropertySource<Object> {

        // Not the source: Spring Boot walks into an environment given as a source, which holds this one.
        private final Environment environment;
        private Integer port;

        ResolvedSqsPort(Environment environment) {
            super("localRuntimeSqsPort");
            this.environment = environment;
        }

        @Override
        public synchronized Object getProperty(String name) {
            if (SQS_BASE_URL.equals(name)) {
                String endpoint = environment.getProperty(SQS_ENDPOINT, "");
                return endpoint.isBlank()
                        ? EmbeddedSqs.baseUrl(getProperty(SQS_PORT))
                        : endpoint.replaceAll("/+$", "") + "/";
            }
            if (!SQS_PORT.equals(name)) {
                return null;
            }
            if (port == null) {
                int configured = environment.getProperty("tasks.local.sqs-port", Integer.class, 9324);
                port = configured == 0 ? freePort() : configured;
            }
            return port;
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("No free port for the local SQS server", e);
            }
        }
    }
}
