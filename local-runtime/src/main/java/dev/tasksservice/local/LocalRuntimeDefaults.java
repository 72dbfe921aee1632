package dev.tasksservice.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The local runtime's defaults for the settings it shares with the API, in place before any bean reads them: targets
 * may reach this machine ({@code TASKS_TARGET_ALLOW}: loopback) and any queue of the embedded SQS server
 * ({@code TASKS_TARGET_QUEUES}: its base URL). Both sit below every other source, so a setting given in the
 * environment wins. When the SQS port is 0 (any free port), one is chosen here, so that the queues' base URL is known
 * before the server starts. Applies only to {@link LocalRuntimeApplication}.
 */
public class LocalRuntimeDefaults implements EnvironmentPostProcessor {

    /** Targets may reach this machine, and only it, among the internal addresses. */
    static final String LOOPBACK = "localhost,127.0.0.0/8,::1";

    static final String SQS_PORT = "tasks.local.sqs-port";
    private static final String SQS_PORT_VARIABLE = "TASKS_LOCAL_SQS_PORT";
    private static final int DEFAULT_SQS_PORT = 9324;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(LocalRuntimeApplication.class)) {
            return;
        }
        int port = sqsPort(environment);
        if (port == 0) {
            port = freePort();
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("localRuntimeSqsPort", Map.of(SQS_PORT, port)));
        }
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("TASKS_TARGET_ALLOW", LOOPBACK);
        defaults.put("TASKS_TARGET_QUEUES", EmbeddedSqs.baseUrl(port));
        environment.getPropertySources().addLast(new MapPropertySource("localRuntimeDefaults", defaults));
    }

    /** The configured port: the property, else the environment variable the properties file binds it to. */
    private static int sqsPort(ConfigurableEnvironment environment) {
        String value = environment.getProperty(SQS_PORT, environment.getProperty(SQS_PORT_VARIABLE));
        if (value == null || value.isBlank()) {
            return DEFAULT_SQS_PORT;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SQS_PORT_VARIABLE + " must be a port number, got '" + value + "'", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the local SQS server", e);
        }
    }
}
