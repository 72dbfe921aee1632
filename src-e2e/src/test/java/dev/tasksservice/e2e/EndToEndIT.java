package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EndToEnd's verdicts where the real service cannot show them: against a stand-in API whose pipeline never runs the
 * task, runs it early or fails it, and with no API at all. {@link ChecksOnLocalRuntimeIT} passes it on the real
 * local runtime.
 */
class EndToEndIT {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void failsWhenTheTaskNeverRuns() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.NEVER_RUNS)) {
            int exit = run(api, "1", "0");

            assertThat(exit).as(text()).isEqualTo(EndToEnd.FAILED);
            assertThat(text()).contains("FAIL: task is still SCHEDULED 0 s after its timestamp", "never ran");
        }
    }

    @Test
    void failsWhenTheTaskRunsEarly() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.EARLY)) {
            int exit = run(api, "1", "1");

            assertThat(exit).as(text()).isEqualTo(EndToEnd.FAILED);
            assertThat(text()).contains("FAIL: task ran early", "100 ms before its timestamp");
        }
    }

    @Test
    void failsWhenTheTaskFails() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.start(FakeTasksApi.Behaviour.FAILS)) {
            int exit = run(api, "1", "1");

            assertThat(exit).as(text()).isEqualTo(EndToEnd.FAILED);
            assertThat(text()).contains("FAIL: task FAILED (attempts 1, error boom)");
        }
    }

    @Test
    void saysHowToStartTheApiWhenNothingListens() throws Exception {
        String url = "http://127.0.0.1:" + unusedPort();

        int exit = EndToEnd.run(Map.of("API_URL", url), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(EndToEnd.NOT_RUN);
        assertThat(text()).contains("no API at " + url + ": start it with make run");
    }

    @Test
    void refusesASettingThatIsNotANumber() throws Exception {
        int exit = EndToEnd.run(
                Map.of("E2E_DELAY_SECONDS", "soon"), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(EndToEnd.NOT_RUN);
        assertThat(text()).contains("E2E_DELAY_SECONDS must be a whole number of seconds, got 'soon'");
    }

    private int run(FakeTasksApi api, String delaySeconds, String slackSeconds) throws InterruptedException {
        Map<String, String> env = Map.of(
                "API_URL", api.url().toString(),
                "E2E_DELAY_SECONDS", delaySeconds,
                "E2E_TIMEOUT_SLACK_SECONDS", slackSeconds);
        return EndToEnd.run(env, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
