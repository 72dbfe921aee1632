package dev.tasksservice.e2e;

import dev.tasksservice.client.TasksClient;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The typed client as the checks use it: as many HTTP threads as calls the caller makes at once, so the client's
 * threads keep up, and the checks' timeouts. Closing it closes the client, then its threads.
 */
record ApiConnection(TasksClient client, ExecutorService executor) implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A connection that sends the API key in {@code API_KEY}, if set. */
    static ApiConnection open(URI apiUrl, int concurrency) {
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(1, concurrency),
                Thread.ofPlatform().name("tasks-http-", 0).daemon().factory());
        TasksClient.Builder builder = TasksClient.builder(apiUrl)
                .connectTimeout(CONNECT_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .executor(executor);
        String apiKey = EndToEndSettings.apiKey(System.getenv());
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        TasksClient client = builder.build();
        return new ApiConnection(client, executor);
    }

    /** True when nothing listens at the API's address, as opposed to an API that answers badly. */
    static boolean isNoApi(RuntimeException e) {
        return e instanceof UncheckedIOException io
                && (io.getCause() instanceof ConnectException || io.getCause() instanceof HttpConnectTimeoutException);
    }

    @Override
    public void close() {
        client.close();
        executor.shutdownNow();
    }
}
