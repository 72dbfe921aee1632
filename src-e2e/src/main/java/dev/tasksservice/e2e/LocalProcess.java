package dev.tasksservice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process Chaos started (dynalite, a runtime, the shared queue), its output appended to a log file. {@link #kill()}
 * is {@code kill -9}; {@link #stop()} asks first.
 */
final class LocalProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with the given environment added to this one's, its output appended to {@code log}. */
    static LocalProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            return new LocalProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.getFirst() + ")", e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: on Linux and macOS {@link Process#destroyForcibly()} sends SIGKILL (the JDK's
     * ProcessHandleImpl.destroy0 with force), so the process gets no chance to finish anything; waits until it is
     * gone.
     *
     * @return its exit code: 137 (128 + 9) when the signal killed it
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** SIGKILL without waiting, for a JVM on its way out. */
    void destroyAtOnce() {
        process.destroyForcibly();
    }

    /** SIGTERM, then SIGKILL after a grace period; waits until it is gone. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    /**
     * Waits until {@code ready} holds, polling every 100 ms; throws IllegalStateException, with the end of the log,
     * when the process exits first or {@code until} passes.
     */
    void awaitReady(BooleanSupplier ready, Instant until, String what) throws InterruptedException {
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + ") before " + what
                        + "; its log ends:\n" + tail());
            }
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException(name + " did not " + what + " in time; its log ends:\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Asks the JVM for a thread dump (SIGQUIT: it prints one to its output, the log, and goes on) and gives the threads
     * that were in the service's own code, the stacks that tell where a task stuck in progress waits.
     */
    String serviceThreads() throws InterruptedException {
        try {
            long before = Files.size(log);
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid()))
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
            Thread.sleep(2_000);
            List<String> lines = Files.readAllLines(log);
            StringBuilder threads = new StringBuilder();
            StringBuilder thread = new StringBuilder();
            long offset = 0;
            for (String line : lines) {
                offset += line.length() + 1;
                if (offset <= before) {
                    continue;
                }
                if (line.isBlank()) {
                    if (thread.indexOf("dev.tasksservice.") >= 0) {
                        threads.append(thread).append('\n');
                    }
                    thread.setLength(0);
                } else {
                    thread.append(line).append('\n');
                }
            }
            return threads.isEmpty() ? "(no thread in the service's code)" : threads.toString();
        } catch (IOException | UncheckedIOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the log. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free on 127.0.0.1 now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
