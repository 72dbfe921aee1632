package dev.tasksservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.tasksservice.domain.model.DueTime;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.RescheduleTask.Change;
import dev.tasksservice.domain.schedule.RetryRequest;
import dev.tasksservice.domain.schedule.ScheduleTask;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The strict reading of targets and retry policies in POST and PATCH bodies, and of If-Match. */
class RequestReadersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID = UUID.fromString("24b77786-68e0-4dad-964a-115ad1c314af");

    private final ScheduleRequestReader schedule = new ScheduleRequestReader();
    private final RescheduleRequestReader change = new RescheduleRequestReader();

    private RescheduleTask readChange(JsonNode body) {
        return change.read(TenantId.DEFAULT, ID, body, java.util.OptionalLong.empty());
    }

    @Test
    void anHttpTargetIsReadWithEveryPart() {
        ScheduleTask task = schedule.read(TenantId.DEFAULT, json("""
                        {"seconds":5,"target":{"type":"http","url":"https://hooks.example.com/t?a=1","method":"put",
                         "headers":{"Authorization":"Bearer s3cret","X-Trace":"1"},"timeoutMs":2500},
                         "retry":{"maxAttempts":5,"initialBackoffMs":250,"maxBackoffMs":60000}}"""), null);

        assertThat(task.target())
                .isEqualTo(new HttpTarget(
                        URI.create("https://hooks.example.com/t?a=1"),
                        "PUT",
                        Map.of("Authorization", "Bearer s3cret", "X-Trace", "1"),
                        Duration.ofMillis(2500)));
        assertThat(task.retry()).isEqualTo(new RetryRequest(5, 250L, 60000L));
    }

    @Test
    void aQueueTargetAndPartialRetryAreRead() {
        ScheduleTask task = schedule.read(TenantId.DEFAULT, json("""
                        {"seconds":5,"target":{"type":"sqs","queueUrl":"https://sqs.eu-west-1.amazonaws.com/1/q"},
                         "retry":{"maxAttempts":1}}"""), null);

        assertThat(task.target()).isEqualTo(new QueueTarget("https://sqs.eu-west-1.amazonaws.com/1/q"));
        assertThat(task.retry()).isEqualTo(new RetryRequest(1, null, null));
    }

    @Test
    void withoutTargetOrRetryTheDefaultsApply() {
        ScheduleTask task =
                schedule.read(TenantId.DEFAULT, json("{\"seconds\":5,\"target\":null,\"retry\":null}"), null);

        assertThat(task.target()).isNull();
        assertThat(task.retry()).isEqualTo(RetryRequest.DEFAULTS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "http"                                                  | target                | must be a JSON object, not a string
            {}                                                      | target.type           | is required
            {"type":"ftp","url":"ftp://x"}                          | target.type           | must be http or sqs
            {"type":1}                                              | target.type           | must be a string, not a number
            {"type":"http"}                                         | target.url            | is required
            {"type":"http","url":5}                                 | target.url            | must be a string, not a number
            {"type":"http","url":"ftp://x.example"}                 | target.url            | http or https
            {"type":"http","url":"https://u:p@x.example"}           | target.url            | user info
            {"type":"http","url":"https://x.example","colour":1}    | target.colour         | not a known field
            {"type":"http","url":"https://x.example","queueUrl":""} | target.queueUrl       | not a known field
            {"type":"http","url":"https://x.example","method":"GET"} | target.method        | POST, PUT, PATCH
            {"type":"http","url":"https://x.example","method":1}    | target.method         | must be a string
            {"type":"http","url":"https://x.example","headers":[]}  | target.headers        | must be a JSON object, not an array
            {"type":"http","url":"https://x.example","headers":{"X-Foo":5}}    | target.headers.X-Foo | must be a string, not a number
            {"type":"http","url":"https://x.example","headers":{"X-Foo":null}} | target.headers.X-Foo | must be a string, not null
            {"type":"http","url":"https://x.example","headers":{"Host":"a"}}   | target.headers.Host  | set by the delivery
            {"type":"http","url":"https://x.example","headers":{"X-Foo":"a\\nb"}} | target.headers.X-Foo | control characters
            {"type":"http","url":"https://x.example","headers":{"a b":"c"}}    | target.headers       | not an HTTP token
            {"type":"http","url":"https://x.example","timeoutMs":"5"}  | target.timeoutMs   | must be a number, not a string
            {"type":"http","url":"https://x.example","timeoutMs":1.5}  | target.timeoutMs   | must be a whole number
            {"type":"http","url":"https://x.example","timeoutMs":99}   | target.timeoutMs   | between 100 and 60000
            {"type":"http","url":"https://x.example","timeoutMs":-1}   | target.timeoutMs   | between 100 and 60000
            {"type":"http","url":"https://x.example","timeoutMs":1e30} | target.timeoutMs   | must be a whole number
            {"type":"sqs"}                                          | target.queueUrl       | is required
            {"type":"sqs","queueUrl":"not a url"}                   | target.queueUrl       | is not a valid URL
            {"type":"sqs","queueUrl":"ftp://q.example/1/q"}         | target.queueUrl       | must be a queue URL
            {"type":"sqs","queueUrl":"https://q.example/1/q","url":"https://x"} | target.url | not a known field
            """)
    void aBadTargetIsRefusedNamingItsField(String target, String field, String reason) {
        assertRefused(
                () -> schedule.read(TenantId.DEFAULT, json("{\"seconds\":5,\"target\":" + target + "}"), null),
                field,
                reason);
        assertRefused(() -> readChange(json("{\"target\":" + target + "}")), field, reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            5                                  | retry                  | must be a JSON object, not a number
            {"attempts":3}                     | retry.attempts         | not a known field
            {"maxAttempts":"3"}                | retry.maxAttempts      | must be a number, not a string
            {"maxAttempts":2.5}                | retry.maxAttempts      | must be a whole number
            {"maxAttempts":null}               | retry.maxAttempts      | must be a number, not null
            {"maxAttempts":99999999999}        | retry.maxAttempts      | is too large
            {"initialBackoffMs":true}          | retry.initialBackoffMs | must be a number, not a boolean
            {"maxBackoffMs":[1]}               | retry.maxBackoffMs     | must be a number, not an array
            """)
    void aBadRetryIsRefusedNamingItsField(String retry, String field, String reason) {
        assertRefused(
                () -> schedule.read(TenantId.DEFAULT, json("{\"seconds\":5,\"retry\":" + retry + "}"), null),
                field,
                reason);
        assertRefused(() -> readChange(json("{\"retry\":" + retry + "}")), field, reason);
    }

    @Test
    void aChangeReadsOnlyThePartsGiven() {
        RescheduleTask empty = readChange(json("{}"));
        RescheduleTask later = readChange(json("{\"timestamp\":\"2030-01-02T10:00:00Z\"}"));
        RescheduleTask relative = readChange(json("{\"minutes\":10,\"payload\":{\"a\":1}}"));

        assertThat(empty.changesNothing()).isTrue();
        assertThat(later.due()).isEqualTo(DueTime.at(Instant.parse("2030-01-02T10:00:00Z")));
        assertThat(later.payload()).isEmpty();
        assertThat(later.target()).isEmpty();
        assertThat(later.retry()).isNull();
        assertThat(relative.due()).isEqualTo(DueTime.after(Duration.ofMinutes(10)));
        assertThat(relative.payload()).contains(new Change<>("{\"a\":1}"));
    }

    @Test
    void aNullInAChangeRemovesThePartOrGoesBackToTheDefault() {
        RescheduleTask reset = readChange(json("{\"payload\":null,\"target\":null,\"retry\":null}"));

        assertThat(reset.due()).isNull();
        assertThat(reset.payload()).isEqualTo(Optional.of(new Change<String>(null)));
        assertThat(reset.target()).isEqualTo(Optional.of(new Change<>(null)));
        assertThat(reset.retry()).isEqualTo(RetryRequest.DEFAULTS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            []                                           | body                  | must be a JSON object
            {"colour":"red"}                             | colour                | not a known field
            {"timestamp":null}                           | timestamp             | ISO-8601
            {"timestamp":"2030-01-02T10:00:00Z","seconds":5} | timestamp         | not both
            {"seconds":0}                                | hours/minutes/seconds | greater than zero
            {"hours":-1}                                 | hours                 | must not be negative
            {"payload":[1]}                              | payload               | must be a JSON object, not an array
            """)
    void aBadChangeIsRefusedNamingItsField(String body, String field, String reason) {
        assertRefused(() -> readChange(json(body)), field, reason);
    }

    @Test
    void ifMatchNamesOneVersionOrAny() {
        assertThat(IfMatch.version(null)).isEmpty();
        assertThat(IfMatch.version("*")).isEmpty();
        assertThat(IfMatch.version("\"0\"")).hasValue(0);
        assertThat(IfMatch.version(" \"42\" ")).hasValue(42);
        for (String bad : new String[] {"3", "W/\"3\"", "\"3\", \"4\"", "\"x\"", "\"\"", "\"99999999999999999999\""}) {
            assertRefused(() -> IfMatch.version(bad), "If-Match", "entity tag");
        }
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String field, String reason) {
        assertThatThrownBy(read)
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
