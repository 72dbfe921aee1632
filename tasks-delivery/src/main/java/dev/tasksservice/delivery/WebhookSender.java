package dev.tasksservice.delivery;

import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.HostResolver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers tasks to HTTP targets: the payload as the JSON body (the literal {@code null} when there is none), signed
 * as the Standard Webhooks specification says, with the {@code webhook-id} the task id, the same for every attempt.
 * A 2xx is a success; 408, 425, 429, 5xx, timeouts and connection errors are worth retrying; anything else, redirects
 * included (they are not followed), is refused. No connection is made to an address the deployment does not let
 * targets reach (see {@link GuardedDnsResolver}).
 *
 * <p>One client serves every delivery, from many threads at once: its pool holds up to {@value
 * #MAX_CONNECTIONS_PER_HOST} connections to one host. Neither the payload nor the signatures are logged.
 */
public final class WebhookSender implements AutoCloseable {

    /** Deliveries to one host that may be under way at once; the local runtime runs about this many. */
    public static final int MAX_CONNECTIONS_PER_HOST = 1_000;

    /** Connections to all hosts together. */
    public static final int MAX_CONNECTIONS = 2_000;

    /** The most of a response body read: its start goes into the error; the rest is never read. */
    public static final int MAX_RESPONSE_BYTES = 4 * 1024;

    public static final String USER_AGENT = "tasks-service";

    /** The number of the attempt, from 1. */
    public static final String ATTEMPT_HEADER = "tasks-attempt";

    /** When the attempt began, to the millisecond: the task's executedAt if it succeeds. */
    public static final String EXECUTED_AT_HEADER = "tasks-executed-at";

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final ContentType JSON = ContentType.create("application/json");

    private final WebhookSigner signer;
    private final GuardedDnsResolver dns;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    public WebhookSender(TargetRules rules, WebhookSigner signer, HostResolver resolver) {
        this.signer = signer;
        this.dns = new GuardedDnsResolver(rules, resolver);
        this.client = client(dns);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /**
     * Delivers {@code task} to {@code target} once.
     *
     * @param startedAt when the attempt began: the {@code webhook-timestamp}
     */
    public Delivery send(Task task, HttpTarget target, Instant startedAt) {
        long began = System.nanoTime();
        Delivery delivery = deliver(task, target, startedAt);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (delivery.outcome() == AttemptOutcome.SUCCEEDED) {
            log.info(
                    "Task {} delivered to {}: HTTP {} in {} ms",
                    task.id(),
                    target.host(),
                    delivery.httpStatus(),
                    tookMs);
        } else if (delivery.httpStatus() != null) {
            // The answer's body is left out: a receiver may echo the payload in it.
            log.warn(
                    "Task {} not delivered to {} ({}): HTTP {} in {} ms",
                    task.id(),
                    target.host(),
                    delivery.outcome(),
                    delivery.httpStatus(),
                    tookMs);
        } else {
            log.warn(
                    "Task {} not delivered to {} ({}): {} in {} ms",
                    task.id(),
                    target.host(),
                    delivery.outcome(),
                    delivery.error(),
                    tookMs);
        }
        return delivery;
    }

    /** Closes the client and its connections. */
    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }

    private Delivery deliver(Task task, HttpTarget target, Instant startedAt) {
        URI url = target.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Delivery.refused(null, "the target URL must be http or https");
        }
        try {
            Optional<String> refusal = dns.literalRefusal(target.host());
            if (refusal.isPresent()) {
                return Delivery.refused(null, refusal.get());
            }
        } catch (UnknownHostException e) {
            return Delivery.refused(null, "the target's host is not a valid address: " + target.host());
        }
        byte[] body = task.payloadJson().orElse("null").getBytes(StandardCharsets.UTF_8);
        HttpUriRequestBase request = request(task, target, startedAt, body);
        AtomicBoolean timedOut = new AtomicBoolean();
        // The target's timeout bounds the whole request: connecting, sending and the answer.
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    request.cancel();
                },
                target.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            return answer(response, request);
        } catch (IOException e) {
            return failure(e, target, timedOut.get());
        } finally {
            deadline.cancel(false);
        }
    }

    private HttpUriRequestBase request(Task task, HttpTarget target, Instant startedAt, byte[] body) {
        HttpUriRequestBase request = new HttpUriRequestBase(target.method(), target.url());
        target.headers().forEach(request::setHeader);
        signer.headers(task.id().toString(), startedAt, body).forEach(request::setHeader);
        request.setHeader(ATTEMPT_HEADER, Integer.toString(Math.max(task.attempts(), 1)));
        request.setHeader(EXECUTED_AT_HEADER, Timestamps.format(startedAt));
        request.setEntity(new ByteArrayEntity(body, JSON));
        Timeout timeout = Timeout.of(target.timeout());
        @SuppressWarnings("deprecation") // Still honoured per request; the pool's setting is one for all targets.
        RequestConfig config = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setConnectTimeout(timeout)
                .setResponseTimeout(timeout)
                .build();
        request.setConfig(config);
        return request;
    }

    private static Delivery answer(ClassicHttpResponse response, HttpUriRequestBase request) throws IOException {
        int status = response.getCode();
        BoundedBody body = null;
        try {
            body = BoundedBody.read(response.getEntity());
        } finally {
            close(response, request, body != null && body.complete());
        }
        return switch (Delivery.outcomeOf(status)) {
            case SUCCEEDED -> Delivery.succeeded(status);
            case FAILED -> Delivery.failed(status, error(status, body), retryAfter(response));
            case REFUSED -> Delivery.refused(status, error(status, body));
        };
    }

    private static Delivery failure(IOException e, HttpTarget target, boolean timedOut) {
        if (e instanceof GuardedDnsResolver.RefusedHost refused) {
            return Delivery.refused(null, refused.getMessage());
        }
        if (timedOut || e instanceof InterruptedIOException) {
            // Socket and connect timeouts are InterruptedIOExceptions; the deadline shows as an aborted request.
            return Delivery.failed("no answer from " + target.host() + " within "
                    + target.timeout().toMillis() + " ms (the target's timeout)");
        }
        if (e instanceof UnknownHostException) {
            return Delivery.failed("the target's host is not known: " + target.host());
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return Delivery.failed("could not connect to " + target.host() + ": " + e.getMessage());
        }
        if (e instanceof SSLException) {
            return Delivery.failed("TLS with " + target.host() + " failed: " + e.getMessage());
        }
        if (e instanceof NoHttpResponseException) {
            return Delivery.failed(target.host() + " closed the connection without answering");
        }
        // The client reads this: the library's words, not its class names.
        return Delivery.failed("delivery to " + target.host() + " failed: " + e.getMessage());
    }

    private static String error(int status, BoundedBody body) {
        String error = "HTTP " + status;
        if (status >= 300 && status < 400) {
            error += " (redirects are not followed)";
        }
        return body.text().isEmpty() ? error : error + ": " + body.text();
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        return header == null ? null : RetryAfter.parse(header.getValue(), Instant.now());
    }

    /** Closes the response; a body not read to its end is not read further: its connection is dropped instead. */
    private static void close(ClassicHttpResponse response, HttpUriRequestBase request, boolean bodyRead)
            throws IOException {
        if (bodyRead) {
            response.close();
        } else if (response instanceof CloseableHttpResponse closeable) {
            closeable.close(CloseMode.IMMEDIATE);
        } else {
            request.cancel();
        }
    }

    private static CloseableHttpClient client(GuardedDnsResolver dns) {
        Timeout longest = Timeout.of(HttpTarget.MAX_TIMEOUT);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(longest)
                        .setSocketTimeout(longest)
                        // A pooled connection the target may have closed is checked before it is used again.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        // No proxy from system properties: a proxy would resolve names itself, past the address check.
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }
}
