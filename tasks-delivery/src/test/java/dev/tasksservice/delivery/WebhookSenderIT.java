package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks delivered to a real HTTP receiver on 127.0.0.1, their signatures checked with openssl. */
@Timeout(60)
class WebhookSenderIT {

    private static final String SECRET = WebhookSecrets.generate();
    private static final String NEXT_SECRET = WebhookSecrets.generate();
    private static final TargetRules LOOPBACK_ALLOWED = TargetRules.parse("127.0.0.1", null, null);
    private static final WebhookSender SENDER = sender(SECRET);

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @AfterAll
    static void closeSender() throws IOException {
        SENDER.close();
    }

    @Test
    void deliversThePayloadAsTheBodyWithTheTargetsMethodAndHeaders() throws Exception {
        String payload = "{\"orderId\":42,\"to\":[\"ops@example.com\"],\"note\":\"ü\"}";
        HttpTarget target = new HttpTarget(
                receiver.url("/hooks/orders"),
                "PUT",
                Map.of("X-Api-Key", "key-1", "X-Tenant", "acme"),
                Duration.ofSeconds(5));
        Task task = Tasks.due(payload, target);
        Instant startedAt = Tasks.now();

        Delivery delivery = SENDER.send(task, target, startedAt);

        assertThat(delivery).isEqualTo(Delivery.succeeded(200));
        WebhookReceiver.Request request = single("/hooks/orders");
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.bodyText()).isEqualTo(payload);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Api-Key")).isEqualTo("key-1");
        assertThat(request.header("X-Tenant")).isEqualTo("acme");
        assertThat(request.header("User-Agent")).isEqualTo("tasks-service");
        assertThat(request.header("webhook-id")).isEqualTo(task.id().toString());
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(startedAt.getEpochSecond()));
        assertThat(request.header("tasks-attempt")).isEqualTo("1");
        assertThat(request.header("tasks-executed-at")).isEqualTo(Timestamps.format(startedAt));
        assertSignedBy(request, SECRET);
    }

    @Test
    void aTaskWithoutPayloadSendsTheLiteralNull() throws Exception {
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due(null, target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        WebhookReceiver.Request request = single("/");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.bodyText()).isEqualTo("null");
        assertSignedBy(request, SECRET);
    }

    @Test
    void duringARotationEachSecretSignsAndEachSignatureChecksWithItsOwnKey() throws Exception {
        HttpTarget target = HttpTarget.post(receiver.url("/"));
        try (WebhookSender rotating = sender(SECRET + " " + NEXT_SECRET)) {
            rotating.send(Tasks.due("{\"n\":1}", target), target, Tasks.now());
        }

        WebhookReceiver.Request request = single("/");
        List<String> entries = Arrays.asList(request.header("webhook-signature").split(" "));
        assertThat(entries).hasSize(2);
        byte[] content = signedContent(request);
        assertThat(entries.get(0)).isEqualTo("v1," + OpensslHmac.base64(key(SECRET), content));
        assertThat(entries.get(1)).isEqualTo("v1," + OpensslHmac.base64(key(NEXT_SECRET), content));
    }

    @Test
    void everyAttemptCarriesTheSameIdAndItsOwnTimestamp() throws Exception {
        HttpTarget target = HttpTarget.post(receiver.url("/"));
        Task first = Tasks.due("{\"n\":1}", target);
        Task second = first.withAttempt(2, first.timestamp().plusSeconds(5));
        Instant firstAt = Tasks.now();
        Instant secondAt = firstAt.plusSeconds(5);

        SENDER.send(first, target, firstAt);
        SENDER.send(second, target, secondAt);

        assertThat(receiver.requests())
                .extracting(request -> request.header("webhook-id"))
                .containsExactly(first.id().toString(), first.id().toString());
        assertThat(receiver.requests())
                .extracting(request -> request.header("webhook-timestamp"))
                .containsExactly(Long.toString(firstAt.getEpochSecond()), Long.toString(secondAt.getEpochSecond()));
        assertThat(receiver.requests())
                .extracting(request -> request.header("tasks-attempt"))
                .containsExactly("1", "2");
        for (WebhookReceiver.Request request : receiver.requests()) {
            assertSignedBy(request, SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void a2xxIsASuccess(int status) {
        receiver.answer("/", status);
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        assertThat(SENDER.send(Tasks.due("{}", target), target, Tasks.now())).isEqualTo(Delivery.succeeded(status));
    }

    @Test
    void a503FailsWithItsStatusAndTheStartOfItsBody() {
        receiver.answer("/", exchange -> WebhookReceiver.respond(exchange, 503, Map.of(), "down for\nmaintenance"));
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery).isEqualTo(Delivery.failed(503, "HTTP 503: down for maintenance", null));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 504, 599})
    void aStatusWorthRetryingFails(int status) {
        receiver.answer("/", status);
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.httpStatus()).isEqualTo(status);
        assertThat(delivery.error()).isEqualTo("HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 422})
    void anyOtherClientErrorIsARefusal(int status) {
        receiver.answer("/", exchange -> WebhookReceiver.respond(exchange, status, Map.of(), "{\"error\":\"no\"}"));
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery).isEqualTo(Delivery.refused(status, "HTTP " + status + ": {\"error\":\"no\"}"));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectIsRefusedAndNotFollowed(int status) {
        receiver.answer(
                "/",
                exchange -> WebhookReceiver.respond(
                        exchange,
                        status,
                        Map.of("Location", receiver.url("/elsewhere").toString()),
                        ""));
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery).isEqualTo(Delivery.refused(status, "HTTP " + status + " (redirects are not followed)"));
        assertThat(receiver.requests("/")).hasSize(1);
        assertThat(receiver.requests("/elsewhere")).isEmpty();
    }

    @Test
    void retryAfterInSecondsIsPassedOn() {
        receiver.answer("/", exchange -> WebhookReceiver.respond(exchange, 429, Map.of("Retry-After", "7"), ""));
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery).isEqualTo(Delivery.failed(429, "HTTP 429", Duration.ofSeconds(7)));
    }

    @Test
    void retryAfterAsAnHttpDateIsPassedOnAsThePauseUntilThen() {
        Instant then = Instant.now().plusSeconds(30);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(then.atOffset(ZoneOffset.UTC));
        receiver.answer("/", exchange -> WebhookReceiver.respond(exchange, 503, Map.of("Retry-After", date), ""));
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.retryAfter()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinTheTimeoutFails() {
        receiver.answer("/", exchange -> {
            Thread.sleep(5_000);
            WebhookReceiver.respond(exchange, 200, Map.of(), "");
        });
        HttpTarget target = new HttpTarget(receiver.url("/"), "POST", Map.of(), Duration.ofMillis(500));

        long began = System.nanoTime();
        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.httpStatus()).isNull();
        assertThat(delivery.error()).isEqualTo("no answer from 127.0.0.1 within 500 ms (the target's timeout)");
        assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(2_000));
    }

    @Test
    void aReceiverThatSendsItsBodyTooSlowlyFailsWithinTheTimeout() {
        receiver.answer("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            // A byte every 100 ms: each read is quick, the whole answer is not.
            for (int i = 0; i < 50; i++) {
                body.write('x');
                body.flush();
                Thread.sleep(100);
            }
            exchange.close();
        });
        HttpTarget target = new HttpTarget(receiver.url("/"), "POST", Map.of(), Duration.ofMillis(800));

        long began = System.nanoTime();
        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.error()).contains("within 800 ms");
        assertThat(took).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aClosedPortFails() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpTarget target = HttpTarget.post(URI.create("http://127.0.0.1:" + closedPort + "/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.httpStatus()).isNull();
        assertThat(delivery.error())
                .startsWith("could not connect to 127.0.0.1")
                .contains("refused");
    }

    @Test
    void onlyTheFirstFourKibOfALongBodyAreRead() {
        byte[] mebibyte = new byte[1024 * 1024];
        Arrays.fill(mebibyte, (byte) 'a');
        receiver.answer("/", exchange -> {
            exchange.sendResponseHeaders(500, mebibyte.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(mebibyte);
            } catch (IOException closedByTheClient) {
                // The client may drop the connection before all of it is written.
            }
        });
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.error()).isEqualTo("HTTP 500: " + "a".repeat(WebhookSender.MAX_RESPONSE_BYTES));
    }

    @Test
    void theRestOfAnEndlessBodyIsNotRead() throws Exception {
        long bound = 256L * 1024 * 1024;
        CompletableFuture<Long> writtenUntilClosed = new CompletableFuture<>();
        receiver.answer("/", exchange -> {
            exchange.sendResponseHeaders(500, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'b');
            long written = 0;
            OutputStream body = exchange.getResponseBody();
            try {
                while (written < bound) {
                    body.write(chunk);
                    written += chunk.length;
                }
                writtenUntilClosed.complete(written);
            } catch (IOException closedByTheClient) {
                writtenUntilClosed.complete(written);
            }
        });
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery = SENDER.send(Tasks.due("{}", target), target, Tasks.now());

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(delivery.error()).isEqualTo("HTTP 500: " + "b".repeat(WebhookSender.MAX_RESPONSE_BYTES));
        // The client dropped the connection: the receiver's writes failed long before the bound.
        assertThat(writtenUntilClosed.get(20, TimeUnit.SECONDS)).isLessThan(bound);
    }

    @Test
    void manyDeliveriesToOneHostRunAtOnce() throws Exception {
        int deliveries = 300;
        CountDownLatch allArrived = new CountDownLatch(deliveries);
        AtomicInteger answeredTogether = new AtomicInteger();
        receiver.answer("/", exchange -> {
            allArrived.countDown();
            if (allArrived.await(20, TimeUnit.SECONDS)) {
                answeredTogether.incrementAndGet();
            }
            WebhookReceiver.respond(exchange, 200, Map.of(), "");
        });
        HttpTarget target = new HttpTarget(receiver.url("/"), "POST", Map.of(), Duration.ofSeconds(40));

        List<Future<Delivery>> sent = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < deliveries; i++) {
                sent.add(threads.submit(() -> SENDER.send(Tasks.due("{}", target), target, Tasks.now())));
            }
        }

        for (Future<Delivery> delivery : sent) {
            assertThat(delivery.get().outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);
        }
        assertThat(answeredTogether).hasValue(deliveries);
    }

    @Test
    void theLogNamesTaskHostStatusAndDurationButNoPayloadHeaderOrSignature() {
        String payload = "{\"card\":\"4111-PAYLOAD-SECRET\"}";
        HttpTarget target =
                new HttpTarget(receiver.url("/"), "POST", Map.of("Authorization", "Bearer header-secret"), null);
        Task task = Tasks.due(payload, target);
        receiver.answer("/", exchange -> WebhookReceiver.respond(exchange, 400, Map.of(), "bad " + payload));

        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.ofDelivery()) {
            SENDER.send(task, target, Tasks.now());
            lines = logs.lines();
        }

        String signature = single("/").header("webhook-signature");
        assertThat(lines)
                .singleElement()
                .asString()
                .contains(task.id().toString(), "127.0.0.1", "REFUSED", "HTTP 400", " ms")
                .doesNotContain("PAYLOAD-SECRET", "header-secret", signature, SECRET.substring(6));
    }

    private WebhookReceiver.Request single(String path) {
        assertThat(receiver.requests(path)).hasSize(1);
        return receiver.requests(path).getFirst();
    }

    private static WebhookSender sender(String secrets) {
        return new WebhookSender(
                LOOPBACK_ALLOWED, new WebhookSigner(WebhookSecrets.parse(secrets)), new JdkHostResolver());
    }

    /** Checks the request's one signature with openssl, as a receiver holding {@code secret} would. */
    private static void assertSignedBy(WebhookReceiver.Request request, String secret) throws Exception {
        String expected = "v1," + OpensslHmac.base64(key(secret), signedContent(request));
        assertThat(request.header("webhook-signature")).isEqualTo(expected);
    }

    private static byte[] signedContent(WebhookReceiver.Request request) {
        byte[] prefix = (request.header("webhook-id") + "." + request.header("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(prefix, prefix.length + request.body().length);
        System.arraycopy(request.body(), 0, content, prefix.length, request.body().length);
        return content;
    }

    private static byte[] key(String secret) {
        return java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }
}
