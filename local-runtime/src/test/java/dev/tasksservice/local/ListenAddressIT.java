package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.api.auth.NewApiKey;
import dev.tasksservice.aws.DynaliteServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the local runtime listens: by default on loopback only (the API and the embedded SQS), with keyless calls
 * allowed; exposed with {@code TASKS_LISTEN_ADDRESS}, the API requires a key, and it does not start without one.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenAddressIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An address of this machine other than loopback, if it has one: what another machine would connect to. */
    private static final Optional<InetAddress> OTHER_ADDRESS = nonLoopbackAddress();

    @Test
    void byDefaultTheApiAndTheQueueListenOnLoopbackOnlyAndKeylessCallsAreAllowed(CapturedOutput output)
            throws IOException {
        try (ConfigurableApplicationContext runtime = start(LocalRuntimeTest.tempDir("listen-default"))) {
            int api = apiPort(runtime);
            int sqs = sqsPort(runtime);

            assertThat(connects(InetAddress.getLoopbackAddress(), api)).isTrue();
            assertThat(connects(InetAddress.getLoopbackAddress(), sqs)).isTrue();
            OTHER_ADDRESS.ifPresent(other -> {
                assertThat(connects(other, api)).as("API on %s", other).isFalse();
                assertThat(connects(other, sqs)).as("SQS on %s", other).isFalse();
            });
            assertThat(get("127.0.0.1", api, "/tasks", null).statusCode()).isEqualTo(200);
            assertThat(output)
                    .contains("Tasks API on http://127.0.0.1:" + api)
                    .contains("Keyless calls allowed as tenant 'default' (loopback only)");
        }
    }

    @Test
    void exposedWithoutAnyKeyTheRuntimeRefusesToStartAndSaysHowToMakeOne() {
        assertThatThrownBy(() -> start(LocalRuntimeTest.tempDir("listen-nokeys"), "--TASKS_LISTEN_ADDRESS=0.0.0.0"))
                .hasStackTraceContaining("TASKS_LISTEN_ADDRESS=0.0.0.0 exposes the API beyond this machine")
                .hasStackTraceContaining("make api-key TENANT=<name>");
    }

    @Test
    void exposedTheApiServesOtherMachinesOnlyWithAKeyAndTheQueueStaysOnLoopback(CapturedOutput output)
            throws IOException {
        Path data = LocalRuntimeTest.tempDir("listen-exposed");
        // Where make api-key writes by default: the data folder's key file.
        String key = NewApiKey.create("acme", data.resolve("api-keys"));

        try (ConfigurableApplicationContext runtime = start(data, "--TASKS_LISTEN_ADDRESS=0.0.0.0")) {
            int api = apiPort(runtime);

            HttpResponse<String> keyless = get("127.0.0.1", api, "/tasks", null);
            assertThat(keyless.statusCode()).isEqualTo(401);
            assertThat(keyless.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(get("127.0.0.1", api, "/tasks", key).statusCode()).isEqualTo(200);
            OTHER_ADDRESS.ifPresent(other -> {
                assertThat(get(other.getHostAddress(), api, "/tasks", key).statusCode())
                        .isEqualTo(200);
                assertThat(get(other.getHostAddress(), api, "/tasks", null).statusCode())
                        .isEqualTo(401);
                assertThat(connects(other, sqsPort(runtime)))
                        .as("SQS on %s", other)
                        .isFalse();
            });
            assertThat(output).contains("API keys required; 1 local API key(s) for tenant(s) [acme]");
            assertThat(output).doesNotContain(key);
        }
    }

    private static ConfigurableApplicationContext start(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.cloud.aws.dynamodb.endpoint="
                        + DynaliteServer.shared().endpoint(),
                "--tasks.stage=listen-" + UUID.randomUUID().toString().substring(0, 8),
                "--server.port=0",
                "--tasks.local.sqs-port=0",
                "--tasks.local.webhook-secret=" + LocalRuntimeTest.SECRET,
                "--tasks.local.data-dir=" + data));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(LocalRuntimeApplication.class).run(args.toArray(String[]::new));
    }

    private static int apiPort(ConfigurableApplicationContext runtime) {
        return ((WebServerApplicationContext) runtime).getWebServer().getPort();
    }

    private static int sqsPort(ConfigurableApplicationContext runtime) {
        return runtime.getEnvironment().getRequiredProperty(LocalRuntimeDefaults.SQS_PORT, Integer.class);
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String host, int port, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ListenAddressIT::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address
                            && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
