package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.WireHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile client sends is refused with a 4xx problem naming the part at fault, and changes nothing: lone
 * surrogates, duplicate keys, numbers no double can hold, a repeated or odd Idempotency-Key, paths the container
 * itself refuses, and an Accept the API cannot meet. Sent over a plain socket, exactly as written.
 */
class RefusedWithoutChangeIT extends DynaliteBackedApiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"seconds":300,"payload":{"a":"\\ud800"}}                                         | payload.a
            {"seconds":300,"payload":{"a":["x","\\udc00y"]}}                                  | payload.a[1]
            {"seconds":300,"payload":{"\\ud800":1}}                                           | payload
            {"seconds":300,"target":{"type":"http","url":"https://example.com/\\ud800"}}      | target.url
            {"seconds":300,"target":{"type":"http","url":"https://example.com/","headers":{"X-A":"\\udbff"}}} | target.headers.X-A
            {"seconds":300,"target":{"type":"sqs","queueUrl":"\\ud800"}}                      | target.queueUrl
            {"timestamp":"\\ud800"}                                                           | timestamp
            {"seconds":300,"\\udfff":1}                                                       | body
            """)
    void aLoneSurrogateIsRefusedNamingItsFieldAndNothingIsStored(String body, String field) {
        int before = storedTasks();

        Answer answer = post(body);

        assertRefused(answer, 400, field);
        assertThat(storedTasks()).isEqualTo(before);
        assertThat(wire().send(request("GET", "/tasks", List.of(), "")).status())
                .isEqualTo(200);
    }

    @Test
    void aSurrogatePairIsAcceptedAndGivenBackAsSent() {
        Answer created = post("{\"seconds\":300,\"payload\":{\"face\":\"\\ud83d\\ude00\"}}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Answer read = wire().send(request("GET", created.header("Location"), List.of(), ""));
        assertThat(read.json().get("payload").get("face").stringValue()).isEqualTo("\uD83D\uDE00");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"seconds":-5,"seconds":300}                                        | seconds
            {"seconds":300,"payload":{"a":1,"a":2}}                             | payload.a
            {"seconds":300,"payload":{"list":[{"k":1,"k":1}]}}                  | payload.list[0].k
            {"seconds":300,"target":{"type":"http","type":"sqs","url":"https://example.com/"}} | target.type
            """)
    void aDuplicateKeyIsRefusedNamingIt(String body, String field) {
        int before = storedTasks();

        assertRefused(post(body), 400, field);
        assertThat(storedTasks()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"seconds":300,"payload":{"n":1e999}}                     | payload.n
            {"seconds":300,"payload":{"n":-1e999}}                    | payload.n
            {"seconds":300,"payload":{"n":[1,1e-999]}}                | payload.n[1]
            {"seconds":300,"payload":{"n":1e309}}                     | payload.n
            {"seconds":1e999}                                         | seconds
            {"seconds":300,"retry":{"maxAttempts":1e999}}             | retry.maxAttempts
            """)
    void aNumberNoDoubleCanHoldIsRefusedNamingItsField(String body, String field) {
        int before = storedTasks();

        assertRefused(post(body), 400, field);
        assertThat(storedTasks()).isEqualTo(before);
    }

    @Test
    void aPayloadsNumbersAreKeptExactly() {
        String payload = "{\"big\":12345678901234567890,\"exact\":0.1000000000000000055511151231257827,"
                + "\"huge\":-98765432109876543210987654321,\"half\":1.50,\"small\":1e-300,\"max\":1.7976931348623157e308}";
        Answer created = post("{\"seconds\":300,\"payload\":" + payload + "}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Answer read = wire().send(request("GET", created.header("Location"), List.of(), ""));
        assertThat(read.body())
                .contains("\"big\":12345678901234567890")
                .contains("\"exact\":0.1000000000000000055511151231257827")
                .contains("\"huge\":-98765432109876543210987654321")
                .contains("\"half\":1.50");
        assertThat(read.json().get("payload").get("small").decimalValue()).isEqualByComparingTo("1e-300");
        assertThat(read.json().get("payload").get("max").decimalValue()).isEqualByComparingTo("1.7976931348623157e308");
    }

    @Test
    void twoIdempotencyKeyHeadersAreRefused() {
        int before = storedTasks();

        Answer answer = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Idempotency-Key: a", "Idempotency-Key: b"),
                "{\"seconds\":300}"));

        assertRefused(answer, 400, "Idempotency-Key");
        assertThat(storedTasks()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "caf\u00e9", ""})
    void anIdempotencyKeyOfOtherThanPrintableAsciiIsRefused(String key) {
        int before = storedTasks();

        Answer answer = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Idempotency-Key: " + key),
                "{\"seconds\":300}"));

        assertRefused(answer, 400, "Idempotency-Key");
        assertThat(storedTasks()).isEqualTo(before);
    }

    @Test
    void aControlCharacterInAHeaderIsRefusedByTheContainerAsAProblem() {
        int before = storedTasks();

        Answer answer = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Idempotency-Key: k\u007f"),
                "{\"seconds\":300}"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.isProblem()).as("%s", answer).isTrue();
        assertThat(storedTasks()).isEqualTo(before);
    }

    @Test
    void anIdempotencyKeyOfUpTo255PrintableCharactersIsTaken() {
        String longest = "k".repeat(250) + "!~ ,;";
        Answer taken = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Idempotency-Key: " + longest),
                "{\"seconds\":300}"));
        Answer tooLong = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Idempotency-Key: " + longest + "x"),
                "{\"seconds\":300}"));

        assertThat(taken.status()).as("%s", taken).isEqualTo(201);
        assertRefused(tooLong, 400, "Idempotency-Key");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/tasks/%00",
                "/tasks/a%00b",
                "/tasks/%2F",
                "/tasks/a%2Fb/attempts",
                "/tasks/%5C",
                "/tasks/%0d%0a",
                "/tasks/%",
                "/tasks/%zz",
                "/tasks/../../etc/passwd",
                "/tasks/%2e%2e/%2e%2e/",
                "/tasks?status=%00",
                "/tasks?cursor=%ff%fe",
                "/tasks/\u00ff",
                "/tasks/a b",
                "//tasks",
                "/;jsessionid=1/tasks",
                "*",
                "/nowhere"
            })
    void aPathTheContainerRefusesGetsAProblemToo(String path) {
        Answer answer = wire().send(request("GET", path, List.of(), ""));

        assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
        assertThat(answer.isProblem()).as("%s", answer).isTrue();
    }

    @Test
    void anOverlongPathGetsAProblem() {
        Answer answer = wire().send(request("GET", "/tasks/" + "a".repeat(20_000), List.of(), ""));

        assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
        assertThat(answer.isProblem()).as("%s", answer).isTrue();
    }

    @Test
    void aCreateWhoseAcceptCannotBeMetCreatesNothing() {
        int before = storedTasks();

        Answer answer = wire().send(request(
                "POST",
                "/tasks",
                List.of("Content-Type: application/json", "Accept: application/xml"),
                "{\"seconds\":300}"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(406);
        assertThat(answer.isProblem()).as("%s", answer).isTrue();
        assertThat(answer.header("Location")).isNull();
        assertThat(storedTasks()).isEqualTo(before);
    }

    @Test
    void aCancelOrChangeWhoseAcceptCannotBeMetChangesNothing() {
        Answer created = post("{\"seconds\":300}");
        String location = created.header("Location");

        Answer cancel = wire().send(request("DELETE", location, List.of("Accept: text/html"), ""));
        Answer change = wire().send(request(
                "PATCH",
                location,
                List.of("Content-Type: application/json", "Accept: application/xml"),
                "{\"seconds\":600}"));

        assertThat(cancel.status()).as("%s", cancel).isEqualTo(406);
        assertThat(cancel.isProblem()).as("%s", cancel).isTrue();
        assertThat(change.status()).as("%s", change).isEqualTo(406);
        assertThat(change.isProblem()).as("%s", change).isTrue();
        Answer task = wire().send(request("GET", location, List.of(), ""));
        assertThat(task.json().get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(task.json().get("version").longValue()).isZero();
        assertThat(task.json().get("timestamp")).isEqualTo(created.json().get("timestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "application/*", "application/json, text/html;q=0.5"})
    void anAcceptTheApiCanMeetIsServed(String accept) {
        Answer answer = wire().send(request(
                "POST", "/tasks", List.of("Content-Type: application/json", "Accept: " + accept), "{\"seconds\":300}"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    }

    @Test
    void invalidUtf8IsRefused() {
        int before = storedTasks();
        byte[] prefix = "{\"seconds\":300,\"payload\":{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        for (byte[] middle : bad) {
            byte[] body = new byte[prefix.length + middle.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(middle, 0, body, prefix.length, middle.length);
            System.arraycopy(suffix, 0, body, prefix.length + middle.length, suffix.length);

            Answer answer = wire().send(new HostileRequest(
                    "invalid UTF-8", "POST", "/tasks", List.of("Content-Type: application/json"), body));

            assertThat(answer.status()).as("%s", answer).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
        }
        assertThat(storedTasks()).isEqualTo(before);
    }

    private Answer post(String body) {
        return wire().send(request("POST", "/tasks", List.of("Content-Type: application/json"), body));
    }

    private static HostileRequest request(String method, String target, List<String> headers, String body) {
        return HostileRequest.of(method + " " + target, method, target, new ArrayList<>(headers), body);
    }

    private WireHttp wire() {
        return new WireHttp(port);
    }

    private static void assertRefused(Answer answer, int status, String field) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.isProblem()).as("%s", answer).isTrue();
        assertThat(answer.field()).as("%s", answer).isEqualTo(field);
    }
}
