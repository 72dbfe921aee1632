package dev.tasksservice.functions;

import dev.tasksservice.delivery.QueueSender;
import dev.tasksservice.delivery.TargetDelivery;
import dev.tasksservice.delivery.WebhookSecrets;
import dev.tasksservice.delivery.WebhookSender;
import dev.tasksservice.delivery.WebhookSigner;
import dev.tasksservice.domain.model.Delivery;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.HostResolver;
import dev.tasksservice.domain.port.out.TaskAction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's task action: {@link TargetDelivery}, its webhooks signed with the signing secret as it is now. The
 * secret is read at the first task, and again at the first task once {@link #REFRESH} has passed; the sender is
 * rebuilt only when the secret changed. A rotation ({@code whsec_<new> whsec_<old>}) so reaches every executor within
 * minutes, also one restored from a SnapStart snapshot taken before it, which reading the secret at start would not.
 */
final class CurrentSecretDelivery implements TaskAction, AutoCloseable {

    /** How long a secret read is used before it is read again. */
    static final Duration REFRESH = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CurrentSecretDelivery.class);

    private final Supplier<WebhookSecrets> secrets;
    private final TargetRules rules;
    private final HostResolver resolver;
    private final QueueSender queues;
    private final Clock clock;

    private WebhookSecrets current;
    private WebhookSender sender;
    // The sender of the secret before: deliveries begun before the change may still use it, so it is closed at the
    // next read, when they have long ended (a request takes at most a minute).
    private WebhookSender retired;
    private TargetDelivery delivery;
    private Instant readAt;

    /**
     * @param secrets reads the secret as it is now; throws when it cannot
     * @param queues sends to queue targets; null when this runtime has none
     */
    CurrentSecretDelivery(
            Supplier<WebhookSecrets> secrets,
            TargetRules rules,
            HostResolver resolver,
            QueueSender queues,
            Clock clock) {
        this.secrets = secrets;
        this.rules = rules;
        this.resolver = resolver;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public Delivery perform(Task task, Instant startedAt) throws Exception {
        return current().perform(task, startedAt);
    }

    private synchronized TargetDelivery current() throws IOException {
        Instant now = clock.instant();
        if (readAt != null && now.isBefore(readAt.plus(REFRESH))) {
            return delivery;
        }
        if (retired != null) {
            retired.close();
            retired = null;
        }
        WebhookSecrets read;
        try {
            read = secrets.get();
        } catch (RuntimeException e) {
            if (delivery == null) {
                log.error("The webhook signing secret cannot be read: {}", e.toString());
                // What the task's history shows: the secret's name stays out of it.
                throw new IllegalStateException("the webhook signing secret could not be read", e);
            }
            log.warn(
                    "The webhook signing secret cannot be read again; still signing with the last one: {}",
                    e.toString());
            readAt = now;
            return delivery;
        }
        readAt = now;
        if (delivery == null || !sameKeys(read, current)) {
            if (sender != null) {
                log.info("The webhook signing secret changed; signing with the new one");
            }
            retired = sender;
            sender = new WebhookSender(rules, new WebhookSigner(read), resolver);
            delivery = new TargetDelivery(rules, sender, queues);
            current = read;
        }
        return delivery;
    }

    private static boolean sameKeys(WebhookSecrets a, WebhookSecrets b) {
        List<byte[]> these = a.keys();
        List<byte[]> those = b.keys();
        if (these.size() != those.size()) {
            return false;
        }
        for (int i = 0; i < these.size(); i++) {
            if (!Arrays.equals(these.get(i), those.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        for (WebhookSender open : Arrays.asList(retired, sender)) {
            if (open != null) {
                open.close();
            }
        }
    }
}
