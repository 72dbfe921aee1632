package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.tasksservice.api.RawHttp.Reply;
import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.InvalidTaskRequestException;
import dev.tasksservice.client.QueueTarget;
import dev.tasksservice.client.RescheduleRequest;
import dev.tasksservice.client.RetryPolicy;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import dev.tasksservice.client.TaskStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Targets and retry policies on new tasks: stored and shown (header values redacted), and every bad part refused naming
 * it, with nothing stored. This deployment allows one queue prefix and no internal address.
 */
@TestPropertySource(properties = "tasks.target.queues=" + TargetsAndRetriesIT.QUEUES)
class TargetsAndRetriesIT extends DynaliteBackedApiTest {

    static final String QUEUES = "https://sqs.eu-west-1.amazonaws.com/123456789012/";
    // A public address (TEST-NET-3) written as a literal, so that the check needs no name lookup.
    private static final String PUBLIC_URL = "https://203.0.113.10/hooks/tasks";

    @Test
    void anHttpTargetAndARetryPolicyAreStoredAndShownWithTheHeaderValuesRedacted() {
        Task created = tasks().create(ScheduleRequest.after(Duration.ofMinutes(10))
                        .withPayload("{\"orderId\":42}")
                        .withTarget(HttpTarget.post(PUBLIC_URL)
                                .withMethod("PUT")
                                .withHeader("Authorization", "Bearer s3cret-token")
                                .withHeader("X-Tenant", "acme")
                                .withTimeout(Duration.ofSeconds(5)))
                        .withRetry(new RetryPolicy(5, Duration.ofMillis(250), Duration.ofMinutes(1))))
                .task();

        Task read = tasks().get(created.id());

        HttpTarget expected = new HttpTarget(
                URI.create(PUBLIC_URL),
                "PUT",
                Map.of("Authorization", "***", "X-Tenant", "***"),
                Duration.ofSeconds(5));
        assertThat(read.target()).isEqualTo(expected);
        assertThat(created.target()).isEqualTo(expected);
        assertThat(read.retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(250), Duration.ofMinutes(1)));
        assertThat(read.version()).isZero();
        assertThat(read.lastError()).isNull();
        assertThat(read.nextAttemptAt()).isNull();
        assertThat(read).isEqualTo(created);
        Reply raw = raw().get("/tasks/" + created.id());
        assertThat(raw.response().body()).doesNotContain("s3cret").doesNotContain("acme");
        assertThat(raw.json().at("/target/headers/Authorization").stringValue()).isEqualTo("***");
        Reply listed = raw().get("/tasks?status=SCHEDULED&limit=100");
        assertThat(listed.response().body()).contains(created.id().toString()).doesNotContain("s3cret");
    }

    @Test
    void aQueueTargetAmongTheAllowedOnesIsStoredAndShown() {
        QueueTarget queue = new QueueTarget(QUEUES + "jobs.fifo");

        Task created = tasks().create(ScheduleRequest.after(Duration.ofMinutes(10))
                        .withTarget(queue)
                        .withRetry(RetryPolicy.attempts(1)))
                .task();

        Task read = tasks().get(created.id());
        assertThat(read.target()).isEqualTo(queue);
        // The parts left out take the deployment's defaults.
        assertThat(read.retry()).isEqualTo(new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofMinutes(5)));
    }

    @Test
    void aTaskWithoutTargetOrRetryHasTheDeploymentsDefaultPolicyAndNoTarget() {
        Task read = tasks().get(tasks().create(ScheduleRequest.after(Duration.ofMinutes(10)))
                .task()
                .id());

        assertThat(read.target()).isNull();
        assertThat(read.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(5)));
        assertThat(read.status()).isEqualTo(TaskStatus.SCHEDULED);
        JsonNode json = raw().get("/tasks/" + read.id()).json();
        assertThat(json.has("target")).isFalse();
        assertThat(json.get("version").longValue()).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"ftp","url":"ftp://x"}                                     | target.type          | must be http or sqs
            {"url":"https://203.0.113.10/"}                                    | target.type          | is required
            {"type":"http"}                                                    | target.url           | is required
            {"type":"http","url":"mailto:someone@example.com"}                 | target.url           | http or https
            {"type":"http","url":"https://203.0.113.10/","colour":"red"}       | target.colour        | not a known field
            {"type":"http","url":"https://203.0.113.10/","method":"DELETE"}    | target.method        | POST, PUT, PATCH
            {"type":"http","url":"https://203.0.113.10/","headers":"a: b"}     | target.headers       | must be a JSON object
            {"type":"http","url":"https://203.0.113.10/","headers":{"X-Foo":1}} | target.headers.X-Foo | must be a string
            {"type":"http","url":"https://203.0.113.10/","headers":{"Content-Type":"text/plain"}} | target.headers.Content-Type | set by the delivery
            {"type":"http","url":"https://203.0.113.10/","timeoutMs":"10s"}    | target.timeoutMs     | must be a number
            {"type":"http","url":"https://203.0.113.10/","timeoutMs":60001}    | target.timeoutMs     | between 100 and 60000
            {"type":"sqs"}                                                     | target.queueUrl      | is required
            {"type":"sqs","queueUrl":"https://sqs.eu-west-1.amazonaws.com/999/other"} | target.queueUrl | TASKS_TARGET_QUEUES
            [1]                                                                | target               | must be a JSON object
            """)
    void aBadTargetIsRefusedNamingItsFieldAndNothingIsStored(String target, String field, String reason) {
        int before = storedTasks();

        Reply reply = raw().post("/tasks", "{\"minutes\":10,\"target\":" + target + "}");

        assertBadField(reply, field, reason);
        assertThat(storedTasks()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"maxAttempts":0}                              | retry.maxAttempts      | between 1 and 20
            {"maxAttempts":21}                             | retry.maxAttempts      | between 1 and 20
            {"maxAttempts":"3"}                            | retry.maxAttempts      | must be a number
            {"maxAttempts":3,"jitter":false}               | retry.jitter           | not a known field
            {"initialBackoffMs":99}                        | retry.initialBackoffMs | between 100 and 3600000
            {"initialBackoffMs":1.5}                       | retry.initialBackoffMs | whole number
            {"maxBackoffMs":3600001}                       | retry.maxBackoffMs     | between 100 and 3600000
            {"initialBackoffMs":2000,"maxBackoffMs":1000}  | retry.maxBackoffMs     | at least initialBackoffMs
            true                                           | retry                  | must be a JSON object
            """)
    void aBadRetryPolicyIsRefusedNamingItsFieldAndNothingIsStored(String retry, String field, String reason) {
        int before = storedTasks();

        Reply reply = raw().post("/tasks", "{\"minutes\":10,\"retry\":" + retry + "}");

        assertBadField(reply, field, reason);
        assertThat(storedTasks()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:8080/hook",
                "http://127.0.0.1/hook",
                "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.7/hook",
                "http://[::ffff:127.0.0.1]/hook"
            })
    void aTargetThatReachesAnInternalAddressIsRefusedOnCreateAndOnChange(String url) {
        int before = storedTasks();

        assertBadField(
                () -> tasks().create(
                                ScheduleRequest.after(Duration.ofMinutes(10)).withTarget(HttpTarget.post(url))),
                "target.url",
                "TASKS_TARGET_ALLOW");
        assertThat(storedTasks()).isEqualTo(before);

        UUID id = tasks().create(ScheduleRequest.after(Duration.ofMinutes(10)))
                .task()
                .id();
        assertBadField(
                () -> tasks().reschedule(id, RescheduleRequest.keepingTime().withTarget(HttpTarget.post(url))),
                "target.url",
                "TASKS_TARGET_ALLOW");
        assertThat(tasks().get(id).target()).isNull();
        assertThat(tasks().get(id).version()).isZero();
    }

    @Test
    void anIdempotentRetryMustRepeatTheTargetAndRetryPolicyToo() {
        String key = "order-" + UUID.randomUUID();
        ScheduleRequest first = ScheduleRequest.after(Duration.ofMinutes(10))
                .withTarget(HttpTarget.post(PUBLIC_URL))
                .withRetry(RetryPolicy.attempts(2));

        UUID id = tasks().create(first, key).task().id();

        assertThat(tasks().create(first, key).replayed()).isTrue();
        assertThat(tasks().create(first, key).task().id()).isEqualTo(id);
        assertThatThrownBy(() -> tasks().create(first.withRetry(RetryPolicy.attempts(3)), key))
                .isInstanceOf(dev.tasksservice.client.IdempotencyKeyReusedException.class);
    }

    private static void assertBadField(Reply reply, String field, String reason) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").stringValue()).as("%s", reply).isEqualTo(field);
        assertThat(reply.json().get("detail").stringValue()).contains(reason);
    }

    static void assertBadField(ThrowingCallable call, String field, String reason) {
        assertThatThrownBy(call)
                .asInstanceOf(type(InvalidTaskRequestException.class))
                .satisfies(e -> {
                    assertThat(e.status()).as("%s", e).isEqualTo(400);
                    assertThat(e.contentType()).startsWith("application/problem+json");
                    assertThat(e.field()).as("%s", e).isEqualTo(field);
                    assertThat(e.detail()).contains(reason);
                });
    }
}
