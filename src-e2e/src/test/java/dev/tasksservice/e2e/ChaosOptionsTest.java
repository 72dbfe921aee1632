package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void theDefaultsAreTheFullRun() {
        ChaosOptions options = ChaosOptions.parse(new String[0]);

        assertThat(options.tasks()).isEqualTo(5000);
        assertThat(options.spread()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.kills()).isEqualTo(3);
        assertThat(options.restartDynalite()).isTrue();
        assertThat(options.together()).as("scenarios one after the other").isFalse();
        assertThat(options.runtimes()).containsExactly(1, 2);
        assertThat(options.seed()).isEmpty();
        assertThat(options.stuckAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.pollInterval()).isNull();
        assertThat(options.runtimeJar()).isEqualTo(Path.of("local-runtime/target/local-runtime-exec.jar"));
    }

    @Test
    void readsEachOptionInBothSpellings() {
        ChaosOptions options = ChaosOptions.parse(new String[] {
            "--tasks=200",
            "--spread-seconds",
            "20",
            "--kills",
            "1",
            "--restart-dynalite=no",
            "--runtimes",
            "2",
            "--seed",
            "-42",
            "--poll-interval-seconds",
            "5",
            "--max-minutes",
            "3"
        });

        assertThat(options.tasks()).isEqualTo(200);
        assertThat(options.spread()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.kills()).isEqualTo(1);
        assertThat(options.restartDynalite()).isFalse();
        assertThat(options.runtimes()).isEqualTo(List.of(2));
        assertThat(options.seed()).hasValue(-42);
        assertThat(options.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxTime()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void refusesBadValuesNamingTheOption() {
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--tasks", "0"}))
                .hasMessage("--tasks must be from 1 to 100000, got 0");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--runtimes", "3"}))
                .hasMessage("--runtimes must be 1, 2 or 1,2, got '3'");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--restart-dynalite", "maybe"}))
                .hasMessage("--restart-dynalite must be true or false, got 'maybe'");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--kills"})).hasMessage("--kills needs a value");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--fast"})).hasMessage("unknown option '--fast'");
    }
}
