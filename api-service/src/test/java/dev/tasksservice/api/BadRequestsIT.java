package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.tasksservice.api.RawHttp.Reply;
import dev.tasksservice.client.InvalidTaskRequestException;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed request gets a 4xx problem naming what is wrong, and no task. A request the typed client can send
 * is sent with it, and its problem read as the client's exception; a body the client cannot express (malformed JSON,
 * wrong JSON types, unknown fields, another content type) is sent as plain HTTP.
 */
class BadRequestsIT extends DynaliteBackedApiTest {

    /** Well-formed requests that break a rule; the clock of these tests stands at 2030-01-01T10:00:00Z, or shortly after. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad(new ScheduleRequest(null, -1L, null, null, null), "hours", "must not be negative"),
                bad(ScheduleRequest.after(Duration.ZERO), "hours/minutes/seconds", "greater than zero"),
                bad(new ScheduleRequest(null, 0L, 0L, null, null), "hours/minutes/seconds", "greater than zero"),
                bad(
                        new ScheduleRequest(null, 9000L, null, null, null),
                        "hours/minutes/seconds",
                        "at most 365 days ahead"),
                bad(new ScheduleRequest(null, null, null, null, null), "timestamp", "is required"),
                bad(ScheduleRequest.at(Instant.parse("2029-12-31T23:59:59Z")), "timestamp", "must be in the future"),
                bad(ScheduleRequest.at(Instant.parse("2031-01-02T10:00:00Z")), "timestamp", "at most 365 days ahead"),
                bad(
                        new ScheduleRequest(Instant.parse("2030-01-02T10:00:00Z"), null, null, 5L, null),
                        "timestamp",
                        "not both"),
                bad(
                        ScheduleRequest.after(0, 0, 5).withPayload("[1,2]"),
                        "payload",
                        "must be a JSON object, not an array"),
                bad(
                        ScheduleRequest.after(0, 0, 5).withPayload("\"text\""),
                        "payload",
                        "must be a JSON object, not a string"));
    }

    private static Arguments bad(ScheduleRequest request, String field, String reason) {
        return Arguments.of(request, field, reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void aRequestBreakingARuleIsRefusedNamingTheField(ScheduleRequest request, String field, String reason) {
        assertBadField(() -> tasks().create(request), field, reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"minutes":1.5}                             | minutes               | must be a whole number
            {"seconds":"5"}                             | seconds               | must be a number, not a string
            {"seconds":99999999999999999999999}         | seconds               | is too large
            {"timestamp":"2030-01-01T10:00:00"}         | timestamp             | with an offset
            {"timestamp":"tomorrow"}                    | timestamp             | ISO-8601
            {"timestamp":1893492000}                    | timestamp             | ISO-8601
            {"seconds":5,"colour":"red"}                | colour                | not a known field
            [1,2]                                       | body                  | must be a JSON object
            "just a string"                             | body                  | must be a JSON object
            {"seconds":                                 | body                  | not readable JSON
            """)
    void aBadBodyIsRefusedNamingTheField(String body, String field, String reason) {
        Reply reply = raw().post("/tasks", body);

        assertBadField(reply, field, reason);
    }

    @Test
    void aPayloadOverSixtyFourKibibytesIsRefused() {
        String payload = "{\"text\":\"" + "x".repeat(70_000) + "\"}";

        assertBadField(
                () -> tasks().create(ScheduleRequest.after(0, 0, 5).withPayload(payload)),
                "payload",
                "at most 65536 bytes");
    }

    @Test
    void aTimestampExactlyNowIsRefused() {
        assertBadField(() -> tasks().create(ScheduleRequest.at(CLOCK.instant())), "timestamp", "in the future");
        // As the API writes instants, with the milliseconds.
        String now = Timestamps.format(CLOCK.instant());
        assertBadField(raw().post("/tasks", "{\"timestamp\":\"" + now + "\"}"), "timestamp", "in the future");
    }

    @Test
    void aTimestampAtTheHorizonIsAccepted() {
        Instant horizon = CLOCK.instant().plus(Duration.ofDays(365));

        assertThat(tasks().create(ScheduleRequest.at(horizon)).task().timestamp())
                .isEqualTo(horizon);
    }

    @Test
    void aBlankIdempotencyKeyIsRefused() {
        assertBadField(() -> tasks().create(ScheduleRequest.after(0, 0, 5), " "), "Idempotency-Key", "blank");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        Reply reply = raw().postAs("/tasks", "text/plain", "seconds=5");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverTheLimitIsTooLargeWhetherItsLengthIsDeclaredOrNot() {
        String text = "{\"text\":\"" + "x".repeat(300_000) + "\"}";
        String huge = "{\"seconds\":5,\"payload\":" + text + "}";

        Reply chunked = raw().postChunked("/tasks", huge);

        assertThatThrownBy(() -> tasks().create(ScheduleRequest.after(0, 0, 5).withPayload(text)))
                .asInstanceOf(type(InvalidTaskRequestException.class))
                .satisfies(declared -> {
                    assertThat(declared.status()).isEqualTo(413);
                    assertThat(declared.contentType()).startsWith("application/problem+json");
                });
        assertThat(chunked.status())
                .as("%s", chunked.header("Transfer-Encoding"))
                .isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMissingBodyIsRefused() {
        assertBadField(raw().post("/tasks", ""), "body", "");
    }

    @ParameterizedTest(name = "status={0} limit={1} cursor={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DONE      | 50  | -                | status | must be one of
            scheduled | 50  | -                | status | must be one of
            -         | 0   | -                | limit  | from 1 to 100
            -         | 101 | -                | limit  | from 1 to 100
            SCHEDULED | 50  | bm90LWEtY3Vyc29y | cursor | not a cursor
            SCHEDULED | 50  | %%%              | cursor | not a cursor
            """)
    void aBadListingParameterIsRefused(String status, int limit, String cursor, String field, String reason) {
        assertBadField(() -> tasks().list(status, limit, cursor), field, reason);
    }

    @Test
    void aListingLimitThatIsNotANumberIsRefused() {
        assertBadField(raw().get("/tasks?limit=ten"), "limit", "from 1 to 100");
    }

    @Test
    void anUnsupportedMethodIsAProblemToo() {
        Reply reply = raw().postAs("/tasks/" + java.util.UUID.randomUUID(), "application/json", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private static void assertBadField(Reply reply, String field, String reason) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").stringValue()).isEqualTo(field);
        assertThat(reply.json().get("detail").stringValue()).contains(reason);
    }

    private static void assertBadField(ThrowingCallable call, String field, String reason) {
        assertThatThrownBy(call)
                .asInstanceOf(type(InvalidTaskRequestException.class))
                .satisfies(e -> {
                    assertThat(e.status()).as("%s", e).isEqualTo(400);
                    assertThat(e.contentType()).startsWith("application/problem+json");
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.detail()).contains(reason);
                });
    }
}
