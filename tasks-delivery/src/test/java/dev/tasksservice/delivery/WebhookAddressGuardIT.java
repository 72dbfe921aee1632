package dev.tasksservice.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.port.out.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No webhook reaches an address the deployment does not let targets reach: literal addresses and names that resolve
 * to one are refused before any connection is made, and a name the allow-list names is delivered.
 */
@Timeout(30)
class WebhookAddressGuardIT {

    private static final String INWARD = "inward.example.test";
    private static final WebhookSigner SIGNER = new WebhookSigner(WebhookSecrets.parse(WebhookSecrets.generate()));

    private WebhookReceiver receiver;
    private FakeResolver resolver;

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start();
        resolver = new FakeResolver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1        | 127.0.0.1       | loopback",
                "[::1]            | 0:0:0:0:0:0:0:1 | loopback",
                "127.1.2.3        | 127.1.2.3       | loopback",
                "10.0.0.1         | 10.0.0.1        | private",
                "172.16.0.1       | 172.16.0.1      | private",
                "192.168.1.1      | 192.168.1.1     | private",
                "169.254.169.254  | 169.254.169.254 | link-local (metadata service)",
                "[fc00::1]        | fc00:0:0:0:0:0:0:1 | unique local (fc00::/7)",
                "[fe80::1]        | fe80:0:0:0:0:0:0:1 | link-local (metadata service)",
                "[::ffff:127.0.0.1] | 127.0.0.1     | loopback",
                "0.0.0.0          | 0.0.0.0         | unspecified",
                "224.0.0.1        | 224.0.0.1       | multicast",
            })
    void aLiteralInwardAddressIsRefusedWithoutAConnection(String host, String address, String kind) throws IOException {
        HttpTarget target = new HttpTarget(receiver.url(host, "/"), "POST", Map.of(), Duration.ofSeconds(2));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.STRICT, SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{}", target), target, Tasks.now());
        }

        assertThat(delivery)
                .isEqualTo(Delivery.refused(
                        null,
                        target.host() + " resolves to " + address + ", a " + kind
                                + " address, which this deployment does not let targets reach (TASKS_TARGET_ALLOW)"));
        assertThat(receiver.requests()).isEmpty();
        assertThat(resolver.lookups).isEmpty();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedWhenItConnects() throws IOException {
        resolver.answer(INWARD, "127.0.0.1");
        HttpTarget target = HttpTarget.post(receiver.url(INWARD, "/"));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.STRICT, SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{}", target), target, Tasks.now());
        }

        assertThat(delivery)
                .isEqualTo(Delivery.refused(
                        null,
                        INWARD + " resolves to 127.0.0.1, a loopback address, which this deployment does not let"
                                + " targets reach (TASKS_TARGET_ALLOW)"));
        assertThat(resolver.lookups).containsExactly(INWARD);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsInward() throws IOException {
        resolver.answer(INWARD, "93.184.216.34", "127.0.0.1");
        HttpTarget target = HttpTarget.post(receiver.url(INWARD, "/"));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.STRICT, SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{}", target), target, Tasks.now());
        }

        assertThat(delivery.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(delivery.error()).startsWith(INWARD + " resolves to 127.0.0.1, a loopback address");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aNameThatTurnsInwardAfterAnEarlierDeliveryIsRefused() throws IOException {
        resolver.answer(INWARD, "127.0.0.1");
        HttpTarget target = HttpTarget.post(receiver.url(INWARD, "/"));
        TargetRules allowingOnlyAnotherName = TargetRules.parse("other.example.test", null, null);

        try (WebhookSender sender = new WebhookSender(allowingOnlyAnotherName, SIGNER, resolver)) {
            assertThat(sender.send(Tasks.due("{}", target), target, Tasks.now()).outcome())
                    .isEqualTo(AttemptOutcome.REFUSED);
            assertThat(sender.send(Tasks.due("{}", target), target, Tasks.now()).outcome())
                    .isEqualTo(AttemptOutcome.REFUSED);
        }

        assertThat(resolver.lookups).containsExactly(INWARD, INWARD);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void aNameTheAllowListNamesIsDeliveredToTheAddressItResolvesTo() throws IOException {
        resolver.answer(INWARD, "127.0.0.1");
        HttpTarget target = HttpTarget.post(receiver.url(INWARD, "/hook"));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.parse(INWARD, null, null), SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{\"ok\":true}", target), target, Tasks.now());
        }

        assertThat(delivery).isEqualTo(Delivery.succeeded(200));
        assertThat(receiver.requests("/hook"))
                .singleElement()
                .satisfies(request -> assertThat(request.header("Host")).isEqualTo(INWARD + ":" + receiver.port()));
    }

    @Test
    void anAddressTheAllowListNamesIsDelivered() throws IOException {
        HttpTarget target = HttpTarget.post(receiver.url("/"));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.parse("127.0.0.0/8", null, null), SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{}", target), target, Tasks.now());
        }

        assertThat(delivery).isEqualTo(Delivery.succeeded(200));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aNameThatResolvesToNothingFails() throws IOException {
        HttpTarget target = HttpTarget.post(URI.create("http://nowhere.example.test/"));

        Delivery delivery;
        try (WebhookSender sender = new WebhookSender(TargetRules.STRICT, SIGNER, resolver)) {
            delivery = sender.send(Tasks.due("{}", target), target, Instant.now());
        }

        assertThat(delivery).isEqualTo(Delivery.failed("the target's host is not known: nowhere.example.test"));
    }

    /** Answers names as a test says, and records every lookup. */
    private static final class FakeResolver implements HostResolver {

        private final Map<String, List<InetAddress>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> lookups = new CopyOnWriteArrayList<>();

        void answer(String host, String... addresses) throws UnknownHostException {
            List<InetAddress> resolved = new java.util.ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByAddress(
                        host, InetAddress.getByName(address).getAddress()));
            }
            answers.put(host, List.copyOf(resolved));
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            lookups.add(host);
            List<InetAddress> addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        }
    }
}
