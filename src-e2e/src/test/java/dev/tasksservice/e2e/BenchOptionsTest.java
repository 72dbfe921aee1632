package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsWithNothingGiven() {
        BenchOptions options = BenchOptions.parse(new String[0], Map.of());

        assertThat(options)
                .isEqualTo(new BenchOptions(
                        URI.create("http://localhost:8080"),
                        1000,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60),
                        16,
                        List.of(Scenario.BURST, Scenario.SPREAD)));
    }

    @Test
    void readsTheEnvironment() {
        Map<String, String> env = Map.of(
                "API_URL", "http://api:9000",
                "BENCH_TASKS", "20",
                "BENCH_LEAD_SECONDS", "3",
                "BENCH_SPREAD_SECONDS", "5",
                "BENCH_CONCURRENCY", "4",
                "BENCH_SCENARIO", "spread");

        BenchOptions options = BenchOptions.parse(new String[0], env);

        assertThat(options)
                .isEqualTo(new BenchOptions(
                        URI.create("http://api:9000"),
                        20,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(5),
                        4,
                        List.of(Scenario.SPREAD)));
    }

    @Test
    void argumentsWinOverTheEnvironmentInEitherForm() {
        String[] args = {"--tasks", "7", "--scenario=BURST", "--api-url=http://other:1"};

        BenchOptions options = BenchOptions.parse(args, Map.of("BENCH_TASKS", "20", "API_URL", "http://api:9000"));

        assertThat(options.tasks()).isEqualTo(7);
        assertThat(options.scenarios()).containsExactly(Scenario.BURST);
        assertThat(options.apiUrl()).isEqualTo(URI.create("http://other:1"));
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tasks", "0"}, Map.of()))
                .hasMessage("--tasks must be from 1 to 1000000, got 0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of("BENCH_LEAD_SECONDS", "soon")))
                .hasMessage("--lead-seconds must be a whole number, got 'soon'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "ramp"}, Map.of()))
                .hasMessageContaining("burst, spread or both");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--concurrency"}, Map.of()))
                .hasMessage("--concurrency needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tasks", "5", "extra"}, Map.of()))
                .hasMessage("unknown option 'extra'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of("API_URL", "localhost")))
                .hasMessageContaining("API_URL must be an http(s) URL");
    }

    @Test
    void recognisesAskingForHelp() {
        assertThat(BenchOptions.wantsHelp(new String[] {"--tasks", "5", "--help"}))
                .isTrue();
        assertThat(BenchOptions.wantsHelp(new String[] {"--tasks", "5"})).isFalse();
    }
}
