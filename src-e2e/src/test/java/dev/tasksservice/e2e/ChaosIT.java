package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A short crash test on the real thing, the runtime's jar in JVMs of its own, as {@code make chaos} runs it: 200 tasks
 * over 10 s, the runtime killed with SIGKILL once and dynalite restarted once, then 200 tasks on two
 * runtimes sharing one table and one queue. Nothing may be lost, early or stuck; every second delivery must follow the
 * crash window; with two runtimes none may come. Needs the runtime's jar of this build (the reactor packages
 * local-runtime first) and dynalite.
 *
 * <p>It runs beside the other end-to-end tests, first: most of its two minutes are waits (JVMs starting, a runtime
 * down, tasks due), and nothing it asserts hangs on speed. Not beside {@link BenchIT}, whose seconds-long leads its
 * load could overrun.
 */
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = ChaosIT.MACHINE, mode = ResourceAccessMode.READ_WRITE)
class ChaosIT {

    /** The lock of the tests that must not share the machine with this one. */
    static final String MACHINE = "the machine, under a crash test's load";

    private static final Path RUNTIME_JAR = Path.of("..", "local-runtime", "target", "local-runtime-exec.jar");

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void nothingIsLostEarlyOrStuckThroughAKillAndADynaliteRestartAndTwoRuntimesNeverDeliverTwice() throws Exception {
        int exit = Chaos.run(
                new String[] {
                    "--tasks", "200",
                    "--spread-seconds", "6",
                    "--lead-seconds", "10",
                    "--kills", "1",
                    "--restart-dynalite", "true",
                    "--dynalite-down-seconds", "3",
                    // The sweep for tasks stuck in progress runs on every poll: the table's outage is over sooner.
                    "--poll-interval-seconds", "5",
                    "--stuck-after-seconds", "120",
                    "--runtimes", "1,2",
                    // One after the other: together, five JVMs starting at once on two cores slowed every restart.
                    "--together", "false",
                    "--max-minutes", "7",
                    "--runtime-jar", RUNTIME_JAR.toString(),
                    "--dynalite-cli", dynaliteCli()
                },
                // Shown as it goes as well: the run takes a minute or two.
                new PrintStream(new TeeOutputStream(output, System.out), true, StandardCharsets.UTF_8));

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(Chaos.PASSED);
        assertThat(text)
                // The crashes happened: a SIGKILL (exit code 128 + 9), a restart, dynalite down and up again.
                .containsPattern(
                        "one runtime: kill 1: runtime 1 killed with SIGKILL at \\+[\\d.]+ s \\(exit code 137\\)")
                .contains("runtime 1 (pid ", ") is up again at")
                .contains("one runtime: dynalite stopped at", "one runtime: dynalite listening again at")
                .contains("the shared queue (ElasticMQ, pid ")
                // Both runtimes use the shared queue: it holds the dispatch queue, and neither started a server.
                .containsPattern("the shared queue server holds http://localhost:\\d+/\\S*tasks\\S*"
                        + ".*; 0 of the runtimes started an SQS server of their own\\n")
                .containsPattern("\\n\\s+one runtime\\s+two runtimes\\n")
                .containsPattern("tasks created\\s+200 of 200\\s+200 of 200\\n")
                .containsPattern("crashes\\s+1 kill -9, 1 dynalite\\s+none\\n")
                .containsPattern("\\ndelivered\\s+200\\s+200\\n")
                .containsPattern("lost \\(never delivered, must be 0\\)\\s+0\\s+0\\n")
                .containsPattern("early \\(must be 0\\)\\s+0\\s+0\\n")
                .containsPattern("  after kill 1, in the window\\s+\\d+\\s+-\\n")
                .containsPattern("  outside the window \\(must be 0\\)\\s+0\\s+0\\n")
                .containsPattern("stuck \\(not final 120 s after its time, must be 0\\)\\s+0\\s+0\\n")
                // Every task of the short run may fall in an outage on a slow machine: then there is no figure.
                .containsPattern("lateness p99 \\(ms\\), due outside\\s+(\\d+|n/a)\\s+\\d+\\n")
                .contains("PASS: nothing lost, early or stuck; every second delivery in the window");
    }

    /** Writes to both streams. */
    private static final class TeeOutputStream extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }

    private static String dynaliteCli() {
        String configured = System.getProperty("dynalite.cli");
        return configured != null
                ? configured
                : Path.of("..", "node_modules", "dynalite", "cli.js").toString();
    }
}
