package dev.tasksservice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.delivery.JdkHostResolver;
import dev.tasksservice.delivery.SecretsManagerServer;
import dev.tasksservice.delivery.SecretsManagerWebhookSecrets;
import dev.tasksservice.domain.MutableClock;
import dev.tasksservice.domain.TaskActionContract;
import dev.tasksservice.domain.model.AttemptOutcome;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.Target;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.model.Timestamps;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The executor's task action, with its signing secret in a Secrets Manager served on loopback and its webhooks sent
 * to a receiver on 127.0.0.1: it keeps the port's contract, and a rotation of the secret reaches it within
 * {@link CurrentSecretDelivery#REFRESH}, without a restart.
 */
@Timeout(60)
class CurrentSecretDeliveryIT extends TaskActionContract {

    private static final Receiver RECEIVER = Receiver.start();
    private static final SecretsManagerServer SECRETS_MANAGER = SecretsManagerServer.start();
    private static final SecretsManagerClient CLIENT = SECRETS_MANAGER.client();
    private static final TargetRules RULES =
            TargetRules.parse("127.0.0.1", null, RECEIVER.url("/", 200).toString());

    private final MutableClock clock = MutableClock.at("2030-01-01T09:00:00Z");
    private String secretName;
    private String secret;
    private CurrentSecretDelivery delivery;

    @AfterAll
    static void stop() {
        CLIENT.close();
        SECRETS_MANAGER.close();
        RECEIVER.close();
    }

    @AfterEach
    void close() throws Exception {
        delivery.close();
    }

    @Override
    protected TaskAction newAction() {
        secretName = "tasksWebhookSecret-" + UUID.randomUUID();
        secret = Signatures.newSecret();
        String arn = SECRETS_MANAGER.putSecret(secretName, secret);
        delivery = new CurrentSecretDelivery(
                () -> SecretsManagerWebhookSecrets.load(CLIENT, arn), RULES, new JdkHostResolver(), null, clock);
        return delivery;
    }

    @Override
    protected List<Instant> runsSeen(UUID taskId) {
        return RECEIVER.requests().stream()
                .filter(request -> taskId.toString().equals(request.header("webhook-id")))
                .map(request -> Timestamps.parse(request.header("tasks-executed-at")))
                .toList();
    }

    /** The task, with a target of its own that answers 503. */
    @Override
    protected Optional<Task> failing(Task task) {
        return Optional.of(withTarget(task, HttpTarget.post(RECEIVER.url("/unavailable", 503))));
    }

    @Test
    void webhooksAreSignedWithTheSecretInSecretsManager() throws Exception {
        Task task = withTarget(attempt(1, "{\"n\":1}"), HttpTarget.post(RECEIVER.url("/signed", 200)));

        assertThat(action.perform(task, DUE).outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);

        Receiver.Request request = only(task, "/signed");
        assertThat(Signatures.signedWith(secret, request)).isTrue();
        assertThat(Signatures.signedWith(Signatures.newSecret(), request)).isFalse();
    }

    @Test
    void aRotatedSecretIsSignedWithOnceTheLastReadIsOlderThanTheRefresh() throws Exception {
        String path = "/rotation";
        action.perform(withTarget(attempt(1, null), HttpTarget.post(RECEIVER.url(path, 200))), DUE);
        String next = Signatures.newSecret();
        SECRETS_MANAGER.putSecret(secretName, next + " " + secret);

        clock.advance(CurrentSecretDelivery.REFRESH.minusSeconds(1));
        Task beforeRefresh = withTarget(attempt(1, null), HttpTarget.post(RECEIVER.url(path, 200)));
        action.perform(beforeRefresh, DUE);
        clock.advance(Duration.ofSeconds(1));
        Task afterRefresh = withTarget(attempt(1, null), HttpTarget.post(RECEIVER.url(path, 200)));
        action.perform(afterRefresh, DUE);

        Receiver.Request stale = only(beforeRefresh, path);
        assertThat(Signatures.signedWith(secret, stale)).isTrue();
        assertThat(Signatures.signedWith(next, stale)).isFalse();
        // During the rotation every webhook carries both signatures: receivers move to the new secret at their pace.
        Receiver.Request rotated = only(afterRefresh, path);
        assertThat(Signatures.signedWith(next, rotated)).isTrue();
        assertThat(Signatures.signedWith(secret, rotated)).isTrue();
        assertThat(SECRETS_MANAGER.operations())
                .filteredOn("GetSecretValue"::equals)
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSecretThatCannotBeReadAtFirstFailsTheAttemptWithoutNamingTheSecret() {
        CurrentSecretDelivery unreadable = new CurrentSecretDelivery(
                () -> SecretsManagerWebhookSecrets.load(CLIENT, "tasksWebhookSecret-missing"),
                RULES,
                new JdkHostResolver(),
                null,
                clock);

        assertThatThrownBy(() -> unreadable.perform(attempt(1, null), DUE))
                .hasMessage("the webhook signing secret could not be read")
                .hasMessageNotContaining("tasksWebhookSecret-missing");
    }

    @Test
    void aSecretThatCannotBeReadAgainLeavesTheLastOneInUse() throws Exception {
        action.perform(withTarget(attempt(1, null), HttpTarget.post(RECEIVER.url("/kept", 200))), DUE);
        SECRETS_MANAGER.putSecret(secretName, "not a webhook secret!");
        clock.advance(CurrentSecretDelivery.REFRESH);

        Task task = withTarget(attempt(1, null), HttpTarget.post(RECEIVER.url("/kept", 200)));
        assertThat(action.perform(task, DUE).outcome()).isEqualTo(AttemptOutcome.SUCCEEDED);

        assertThat(Signatures.signedWith(secret, only(task, "/kept"))).isTrue();
    }

    private static Receiver.Request only(Task task, String path) {
        List<Receiver.Request> requests = RECEIVER.requests(path).stream()
                .filter(request -> task.id().toString().equals(request.header("webhook-id")))
                .toList();
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static Task withTarget(Task task, Target target) {
        return new Task(
                task.id(),
                TenantId.DEFAULT,
                task.timestamp(),
                task.startExecutionAt(),
                task.status(),
                task.lastUpdatedAt(),
                task.createdAt(),
                task.payload(),
                task.requestFingerprint(),
                task.executedAt(),
                task.attempts(),
                task.lastError(),
                target,
                task.retry(),
                task.history(),
                task.nextAttemptAt(),
                task.version());
    }
}
