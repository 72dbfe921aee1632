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
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(60),
                        16,
                        List.of(Scenario.BURST, Scenario.SPREAD, Scenario.DELIVERY),
                        200));
    }

    @Test
    void readsTheEnvironment() {
        Map<String, String> env = Map.of(
                "API_URL", "http://api:9000",
                "BENCH_TASKS", "20",
                "BENCH_LEAD_SECONDS", "3",
                "BENCH_SPREAD_SECONDS", "5",
                "BENCH_CONCURRENCY", "4",
                "BENCH_SCENARIO", "spread",
                "BENCH_WARMUP", "0");

        BenchOptions options = BenchOptions.parse(new String[0], env);

        assertThat(options)
                .isEqualTo(new BenchOptions(
                        URI.create("http://api:9000"),
                        20,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(5),
                        4,
                        List.of(Scenario.SPREAD),
                        0));
    }

    @Test
    void argumentsWinOverTheEnvironmentInEitherForm() {
        String[] args = {
            "--tasks", "7", "--scenario=BURST", "--api-url=http://other:1", "--warmup", "50", "--lead-seconds=30"
        };

        BenchOptions options = BenchOptions.parse(
                args,
                Map.of(
                        "BENCH_TASKS", "20",
                        "API_URL", "http://api:9000",
                        "BENCH_WARMUP", "0",
                        "BENCH_LEAD_SECONDS", "3"));

        assertThat(options.tasks()).isEqualTo(7);
        assertThat(options.warmup()).isEqualTo(50);
        assertThat(options.lead()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.scenarios()).containsExactly(Scenario.BURST);
        assertThat(options.apiUrl()).isEqualTo(URI.create("http://other:1"));
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tasks", "0"}, Map.of()))
                .hasMessage("--tasks must be from 1 to 1000000, got 0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of("BENCH_LEAD_SECONDS", "soon")))
                .hasMessage("--lead-seconds must be a whole number, got 'soon'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--warmup", "-1"}, Map.of()))
                .hasMessage("--warmup must be from 0 to 1000000, got -1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "ramp"}, Map.of()))
                .hasMessageContaining("burst, spread, delivery, both, all or a list of them, got 'ramp'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "burst,"}, Map.of()))
                .hasMessageContaining("got 'burst,'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--concurrency"}, Map.of()))
                .hasMessage("--concurrency needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--tasks", "5", "extra"}, Map.of()))
                .hasMessage("unknown option 'extra'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of("API_URL", "localhost")))
                .hasMessageContaining("API_URL must be an http(s) URL");
    }

    @Test
    void scenariosAreNamedAloneInGroupsOrAsAList() {
        assertThat(BenchOptions.parse(new String[] {"--scenario", "delivery"}, Map.of())
                        .scenarios())
                .containsExactly(Scenario.DELIVERY);
        assertThat(BenchOptions.parse(new String[] {"--scenario", "both"}, Map.of())
                        .scenarios())
                .containsExactly(Scenario.BURST, Scenario.SPREAD);
        assertThat(BenchOptions.parse(new String[] {"--scenario", "all"}, Map.of())
                        .scenarios())
                .containsExactly(Scenario.BURST, Scenario.SPREAD, Scenario.DELIVERY);
        assertThat(BenchOptions.parse(new String[0], Map.of("BENCH_SCENARIO", "delivery, Burst,delivery"))
                        .scenarios())
                .as("in the order given, each once")
                .containsExactly(Scenario.DELIVERY, Scenario.BURST);
    }

    @Test
    void theUsageGivesTheDefaultsOfTheLeadAndTheWarmUp() {
        assertThat(BenchOptions.USAGE)
                .contains("--warmup N", "BENCH_WARMUP, default 200; 0: none", "BENCH_LEAD_SECONDS, default 20");
    }

    @Test
    void recognisesAskingForHelp() {
        assertThat(BenchOptions.wantsHelp(new String[] {"--tasks", "5", "--help"}))
                .isTrue();
        assertThat(BenchOptions.wantsHelp(new String[] {"--tasks", "5"})).isFalse();
    }
}
