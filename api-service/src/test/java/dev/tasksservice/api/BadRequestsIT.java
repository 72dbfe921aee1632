package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.ApiClient.Reply;
import dev.tasksservice.domain.model.Timestamps;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed request gets a 4xx problem naming what is wrong, and no task. */
class BadRequestsIT extends DynaliteBackedApiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"hours":-1}                                | hours                 | must not be negative
            {"minutes":1.5}                             | minutes               | must be a whole number
            {"seconds":"5"}                             | seconds               | must be a number, not a string
            {"seconds":99999999999999999999999}         | seconds               | is too large
            {"seconds":0}                               | hours/minutes/seconds | greater than zero
            {"hours":0,"minutes":0}                     | hours/minutes/seconds | greater than zero
            {"hours":9000}                              | hours/minutes/seconds | at most 365 days ahead
            {}                                          | timestamp             | is required
            {"timestamp":"2030-01-01T10:00:00"}         | timestamp             | with an offset
            {"timestamp":"tomorrow"}                    | timestamp             | ISO-8601
            {"timestamp":1893492000}                    | timestamp             | ISO-8601
            {"timestamp":"2029-12-31T23:59:59Z"}        | timestamp             | must be in the future
            {"timestamp":"2031-01-02T10:00:00Z"}        | timestamp             | at most 365 days ahead
            {"timestamp":"2030-01-02T10:00:00Z","seconds":5} | timestamp        | not both
            {"seconds":5,"colour":"red"}                | colour                | not a known field
            {"seconds":5,"payload":[1,2]}               | payload               | must be a JSON object, not an array
            {"seconds":5,"payload":"text"}              | payload               | must be a JSON object, not a string
            [1,2]                                       | body                  | must be a JSON object
            "just a string"                             | body                  | must be a JSON object
            {"seconds":                                 | body                  | not readable JSON
            """)
    void aBadBodyIsRefusedNamingTheField(String body, String field, String reason) {
        Reply reply = api().post("/tasks", body);

        assertBadField(reply, field, reason);
    }

    @Test
    void aPayloadOverSixtyFourKibibytesIsRefused() {
        String payload = "{\"seconds\":5,\"payload\":{\"text\":\"" + "x".repeat(70_000) + "\"}}";

        assertBadField(api().post("/tasks", payload), "payload", "at most 65536 bytes");
    }

    @Test
    void aTimestampExactlyNowIsRefused() {
        String now = Timestamps.format(CLOCK.instant());

        assertBadField(api().post("/tasks", "{\"timestamp\":\"" + now + "\"}"), "timestamp", "in the future");
    }

    @Test
    void aTimestampAtTheHorizonIsAccepted() {
        String horizon = Timestamps.format(CLOCK.instant().plus(Duration.ofDays(365)));

        assertThat(api().post("/tasks", "{\"timestamp\":\"" + horizon + "\"}").status())
                .isEqualTo(201);
    }

    @Test
    void aBlankIdempotencyKeyIsRefused() {
        assertBadField(api().post("/tasks", "{\"seconds\":5}", "Idempotency-Key", " "), "Idempotency-Key", "blank");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        Reply reply = api().postAs("/tasks", "text/plain", "seconds=5");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverTheLimitIsTooLargeWhetherItsLengthIsDeclaredOrNot() {
        String huge = "{\"seconds\":5,\"payload\":{\"text\":\"" + "x".repeat(300_000) + "\"}}";

        Reply declared = api().post("/tasks", huge);
        Reply chunked = api().postChunked("/tasks", huge);

        for (Reply reply : new Reply[] {declared, chunked}) {
            assertThat(reply.status())
                    .as("%s", reply.header("Transfer-Encoding"))
                    .isEqualTo(413);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aMissingBodyIsRefused() {
        assertBadField(api().post("/tasks", ""), "body", "");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            status=DONE               | status | must be one of
            status=scheduled          | status | must be one of
            limit=0                   | limit  | from 1 to 100
            limit=101                 | limit  | from 1 to 100
            limit=ten                 | limit  | from 1 to 100
            cursor=bm90LWEtY3Vyc29y   | cursor | not a cursor
            cursor=%25%25%25          | cursor | not a cursor
            """)
    void aBadListingParameterIsRefused(String query, String field, String reason) {
        assertBadField(api().get("/tasks?" + query), field, reason);
    }

    @Test
    void anUnsupportedMethodIsAProblemToo() {
        Reply reply = api().postAs("/tasks/" + java.util.UUID.randomUUID(), "application/json", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private static void assertBadField(Reply reply, String field, String reason) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").stringValue()).isEqualTo(field);
        assertThat(reply.json().get("detail").stringValue()).contains(reason);
    }
}
