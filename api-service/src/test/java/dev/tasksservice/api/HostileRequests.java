package dev.tasksservice.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generates what a hostile client sends the API: every endpoint and method, with malformed or deeply nested JSON,
 * numbers no double holds, lone surrogates, duplicate members, wrong types, bad targets and retry policies, odd
 * Content-Type, Accept, Idempotency-Key and If-Match headers, garbage query strings, ids, encodings and traversals in
 * the path, large bodies and invalid UTF-8.
 */
final class HostileRequests {

    private final List<String> knownIds;

    /** @param knownIds ids of tasks that exist, so changes and cancels also reach real tasks */
    HostileRequests(List<String> knownIds) {
        this.knownIds = List.copyOf(knownIds);
    }

    Arbitrary<HostileRequest> any() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, create()),
                net.jqwik.api.Tuple.of(3, change()),
                net.jqwik.api.Tuple.of(2, read()),
                net.jqwik.api.Tuple.of(2, cancel()),
                net.jqwik.api.Tuple.of(2, list()),
                net.jqwik.api.Tuple.of(1, odd()));
    }

    private Arbitrary<HostileRequest> create() {
        return Combinators.combine(body(), contentType(), accept(), idempotencyKeys(), encoding())
                .as((body, type, accept, keys, encoding) -> {
                    List<String> headers = new ArrayList<>();
                    type.ifPresent(headers::add);
                    accept.ifPresent(headers::add);
                    headers.addAll(keys);
                    return new HostileRequest("create", "POST", "/tasks", headers, encoding.apply(body));
                });
    }

    private Arbitrary<HostileRequest> change() {
        return Combinators.combine(id(), body(), patchContentType(), accept(), ifMatch(), encoding())
                .as((id, body, type, accept, ifMatch, encoding) -> {
                    List<String> headers = new ArrayList<>();
                    type.ifPresent(headers::add);
                    accept.ifPresent(headers::add);
                    headers.addAll(ifMatch);
                    return new HostileRequest("change", "PATCH", "/tasks/" + id, headers, encoding.apply(body));
                });
    }

    private Arbitrary<HostileRequest> read() {
        return Combinators.combine(id(), Arbitraries.of("", "/attempts", "/attempts/", "/", "/x"), accept(), query())
                .as((id, tail, accept, query) -> new HostileRequest(
                        "read",
                        "GET",
                        "/tasks/" + id + tail + query,
                        accept.stream().toList(),
                        new byte[0]));
    }

    private Arbitrary<HostileRequest> cancel() {
        return Combinators.combine(id(), accept(), ifMatch()).as((id, accept, ifMatch) -> {
            List<String> headers = new ArrayList<>(accept.stream().toList());
            headers.addAll(ifMatch);
            return new HostileRequest("cancel", "DELETE", "/tasks/" + id, headers, new byte[0]);
        });
    }

    private Arbitrary<HostileRequest> list() {
        return Combinators.combine(query(), accept())
                .as((query, accept) -> new HostileRequest(
                        "list", "GET", "/tasks" + query, accept.stream().toList(), new byte[0]));
    }

    /** Other methods and paths. */
    private Arbitrary<HostileRequest> odd() {
        Arbitrary<String> method = Arbitraries.of("PUT", "POST", "OPTIONS", "TRACE", "PROPFIND", "GET", "DELETE", "X");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of(
                        "/",
                        "/tasks/",
                        "/tasks//",
                        "/tasks/../tasks",
                        "/error",
                        "/TASKS",
                        "/tasks;x=1",
                        "/tasks.json",
                        "/%74asks",
                        "/actuator/../tasks",
                        "/tasks?",
                        "/tasks#frag",
                        "/./tasks",
                        "*"),
                id().map(id -> "/tasks/" + id));
        return Combinators.combine(method, path, body(), contentType())
                .as((m, p, body, type) ->
                        HostileRequest.of("other", m, p, type.stream().toList(), body));
    }

    // The parts.

    private Arbitrary<String> id() {
        Arbitrary<String> garbage = Arbitraries.strings()
                .withChars("abcdef0123456789-%./\\;:?&=+~_ ")
                .withCharRange((char) 0x21, (char) 0x7e)
                .ofMinLength(0)
                .ofMaxLength(60)
                .map(HostileRequests::noSpaces);
        return Arbitraries.oneOf(
                Arbitraries.of(knownIds),
                Arbitraries.of(knownIds).map(id -> id.toUpperCase()),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                        .as((high, low) -> new UUID(high, low).toString()),
                Arbitraries.of(
                        "",
                        "%00",
                        "a%00b",
                        "%2F",
                        "%2f..%2f",
                        "..",
                        "%2e%2e",
                        "..%2F..%2Fetc%2Fpasswd",
                        "%5C",
                        "%",
                        "%zz",
                        "%ff%fe",
                        "%c0%af",
                        "%0d%0aX-Injected:%201",
                        "%e2%80%ae",
                        "{24b77786-68e0-4dad-964a-115ad1c314af}",
                        "00000000-0000-0000-0000-000000000000",
                        "1-1-1-1-1",
                        "' OR 1=1 --",
                        "\u00e9t\u00e9",
                        "\u00ff"),
                Arbitraries.integers().between(1, 12_000).map("a"::repeat),
                garbage);
    }

    private static String noSpaces(String text) {
        return text.replace(' ', '+');
    }

    private Arbitrary<String> query() {
        Arbitrary<String> status = Arbitraries.of(
                "SCHEDULED", "DONE", "COMPLETED", "FAILED", "CANCELLED", "scheduled", "", "%00", "SCHEDULED%00", "%ff");
        Arbitrary<String> limit = Arbitraries.oneOf(
                Arbitraries.of("", "0", "-1", "1", "100", "101", "1e2", "99999999999999999999", "abc", "%00", "1.5"),
                Arbitraries.integers().map(String::valueOf));
        Arbitrary<String> cursor = Arbitraries.oneOf(
                Arbitraries.of("", "%ff%fe", "bm90LWEtY3Vyc29y", "eyJ9", "%%%", "e30", "W10", "bnVsbA", "eyJpZCI6MX0"),
                Arbitraries.strings().ofMaxLength(400).alpha().numeric().withChars("-_=+/"),
                Arbitraries.strings().ofMaxLength(80).withCharRange('!', '~').map(HostileRequests::urlSafe));
        Arbitrary<String> parameter = Arbitraries.oneOf(
                status.map(s -> "status=" + s),
                limit.map(l -> "limit=" + l),
                cursor.map(c -> "cursor=" + c),
                Arbitraries.of("x=1", "status", "=", "&&", "limit=1&limit=2", "status=DONE&status=SCHEDULED"));
        return parameter.list().ofMaxSize(4).map(parts -> parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    /** Keeps a generated query on one request line: no spaces, no '#'. */
    private static String urlSafe(String text) {
        return text.replace(' ', '+').replace("#", "%23");
    }

    private Arbitrary<java.util.Optional<String>> contentType() {
        return Arbitraries.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "application/json; charset=UTF-16",
                        "application/json; charset=ISO-8859-1",
                        "application/json; charset=nonsense",
                        "application/json; charset=\"",
                        "application/json;;",
                        "APPLICATION/JSON",
                        "application/merge-patch+json",
                        "application/problem+json",
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        "*/*",
                        "application/",
                        "",
                        "json")
                .map(value -> "Content-Type: " + value)
                .optional(0.9);
    }

    private Arbitrary<java.util.Optional<String>> patchContentType() {
        return Arbitraries.oneOf(
                Arbitraries.just(java.util.Optional.of("Content-Type: application/merge-patch+json")), contentType());
    }

    private Arbitrary<java.util.Optional<String>> accept() {
        return Arbitraries.of(
                        "*/*",
                        "application/json",
                        "application/*",
                        "application/problem+json",
                        "application/xml",
                        "text/html",
                        "text/*",
                        "image/png, */*;q=0",
                        "application/json;q=0",
                        "*/*;q=abc",
                        ";;;",
                        "",
                        "application/json, text/html;q=0.5")
                .map(value -> "Accept: " + value)
                .optional(0.5);
    }

    private Arbitrary<List<String>> idempotencyKeys() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings()
                        .withCharRange((char) 0x80, (char) 0xff)
                        .ofMinLength(1)
                        .ofMaxLength(5),
                Arbitraries.of("", " ", "a\tb", "k\u007f", "a,b"),
                Arbitraries.integers().between(250, 260).map("k"::repeat),
                Arbitraries.just("k".repeat(20_000)));
        return key.map(value -> "Idempotency-Key: " + value).list().ofMaxSize(2);
    }

    private Arbitrary<List<String>> ifMatch() {
        return Arbitraries.of(
                        "*", "\"0\"", "\"1\"", "\"abc\"", "W/\"0\"", "0", "\"99999999999999999999\"", "", "\"-1\"")
                .map(value -> "If-Match: " + value)
                .list()
                .ofMaxSize(2);
    }

    /** How the body text goes out: UTF-8, or with invalid bytes in it. */
    private Arbitrary<java.util.function.Function<String, byte[]>> encoding() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just((java.util.function.Function<String, byte[]>)
                        text -> text.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((java.util.function.Function<String, byte[]>)
                        text -> text.getBytes(StandardCharsets.UTF_16))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of((byte) 0xff, (byte) 0xc3, (byte) 0xed, (byte) 0x80, (byte) 0xf8, (byte) 0x00)
                                .map(bad -> text -> withByte(text.getBytes(StandardCharsets.UTF_8), bad))));
    }

    private static byte[] withByte(byte[] text, byte bad) {
        int at = text.length / 2;
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, at);
        out[at] = bad;
        System.arraycopy(text, at, out, at + 1, text.length - at);
        return out;
    }

    // Bodies.

    private Arbitrary<String> body() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, object()),
                net.jqwik.api.Tuple.of(1, malformed()),
                net.jqwik.api.Tuple.of(1, deep()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(1, large()));
    }

    /** A body of members a POST or PATCH takes, and others, with good and hostile values. */
    private Arbitrary<String> object() {
        Arbitrary<String> member = Arbitraries.oneOf(
                delay().map(value -> "\"seconds\":" + value),
                delay().map(value -> "\"minutes\":" + value),
                delay().map(value -> "\"hours\":" + value),
                timestamp().map(value -> "\"timestamp\":" + value),
                value(3).map(value -> "\"payload\":" + value),
                target().map(value -> "\"target\":" + value),
                retry().map(value -> "\"retry\":" + value),
                Arbitraries.of("\"seconds\":-5,\"seconds\":300", "\"\\ud800\":1", "\"colour\":\"red\"", "\"\":1"));
        return Combinators.combine(
                        Arbitraries.of("\"seconds\":300", "\"minutes\":5").optional(0.6),
                        member.list().ofMaxSize(5))
                .as((base, members) -> {
                    List<String> all = new ArrayList<>();
                    base.ifPresent(all::add);
                    all.addAll(members);
                    return "{" + String.join(",", all) + "}";
                });
    }

    private Arbitrary<String> delay() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "0",
                        "1",
                        "300",
                        "-1",
                        "1.5",
                        "3e2",
                        "1e999",
                        "-1e999",
                        "1e-999",
                        "\"5\"",
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "99999999999999999999999",
                        "9223372036854775807",
                        "-0",
                        "0.0",
                        "NaN",
                        "Infinity",
                        "0x10",
                        "01"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(1, 2000).map("9"::repeat));
    }

    private Arbitrary<String> timestamp() {
        return Arbitraries.of(
                "\"2030-01-01T10:00:00Z\"",
                "\"2099-01-01T00:00:00Z\"",
                "\"1970-01-01T00:00:00Z\"",
                "\"+999999999-12-31T23:59:59Z\"",
                "\"2030-13-45T99:99:99Z\"",
                "\"tomorrow\"",
                "\"\\ud800\"",
                "\"\"",
                "1893492000",
                "null",
                "\"" + java.time.Instant.now().plusSeconds(600) + "\"");
    }

    /** Any JSON value, with hostile strings and numbers, nested up to {@code depth}. */
    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of(
                        "null",
                        "true",
                        "false",
                        "0",
                        "-0",
                        "1e999",
                        "-1e999",
                        "1e-999",
                        "1e308",
                        "2e308",
                        "4.9e-324",
                        "12345678901234567890",
                        "0.1000000000000000055511151231257827",
                        "1.50",
                        "-1.0E+2",
                        "\"\\ud800\"",
                        "\"\\udc00\"",
                        "\"\\ud83d\\ude00\"",
                        "\"\\u0000\"",
                        "\"\\\"\"",
                        "\"\\\\\"",
                        "\"</script>\""),
                Arbitraries.strings().ofMaxLength(30).map(HostileRequests::jsonString),
                Arbitraries.bigIntegers()
                        .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                Arbitraries.integers().between(300, 400).map(exponent -> "1e" + exponent),
                Arbitraries.integers().between(1, 1200).map("7"::repeat));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array =
                value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.strings()
                                .ofMaxLength(8)
                                .map(HostileRequests::jsonString)
                                .list()
                                .ofMaxSize(4),
                        value(depth - 1).list().ofSize(4))
                .as((names, values) -> {
                    List<String> members = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        members.add(names.get(i) + ":" + values.get(i));
                    }
                    return "{" + String.join(",", members) + "}";
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(3, object));
    }

    /** Any Java string as a JSON string, escaping as a JSON writer would (a lone surrogate as \\uXXXX). */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private Arbitrary<String> target() {
        Arbitrary<String> url = Arbitraries.of(
                "\"https://127.0.0.1/hook\"",
                "\"http://127.0.0.1:1/x\"",
                "\"https://10.0.0.1/\"",
                "\"http://[::1]/\"",
                "\"http://169.254.169.254/latest/meta-data\"",
                "\"ftp://127.0.0.1/\"",
                "\"file:///etc/passwd\"",
                "\"https://127.0.0.1/\\ud800\"",
                "\"https://127.0.0.1/%00\"",
                "\"not a url\"",
                "\"\"",
                "\"https://user:pass@127.0.0.1/\"",
                "\"https://a..b/\"",
                "1",
                "null",
                "[]");
        Arbitrary<String> headers = Arbitraries.of(
                "{}",
                "{\"X-A\":\"1\"}",
                "{\"X-A\":\"\\udbff\"}",
                "{\"X-A\":1}",
                "{\"Host\":\"evil\"}",
                "{\"X-A\":\"a\\r\\nX-B: 1\"}",
                "{\"\":\"x\"}",
                "{\"X A\":\"x\"}",
                "{\"Content-Length\":\"5\"}",
                "[]",
                "\"x\"");
        Arbitrary<String> http = Combinators.combine(
                        url,
                        Arbitraries.of("\"POST\"", "\"get\"", "\"TRACE\"", "\"\"", "1", "\"P O S T\"")
                                .optional(),
                        headers.optional(),
                        Arbitraries.of("1", "1000", "0", "-1", "1e999", "99999999999", "\"5\"", "1.5")
                                .optional())
                .as((u, method, h, timeout) -> "{\"type\":\"http\",\"url\":" + u
                        + method.map(m -> ",\"method\":" + m).orElse("")
                        + h.map(value -> ",\"headers\":" + value).orElse("")
                        + timeout.map(t -> ",\"timeoutMs\":" + t).orElse("") + "}");
        Arbitrary<String> sqs = Arbitraries.of(
                "{\"type\":\"sqs\",\"queueUrl\":\"https://sqs.eu-west-1.amazonaws.com/1/q\"}",
                "{\"type\":\"sqs\",\"queueUrl\":\"\\ud800\"}",
                "{\"type\":\"sqs\"}",
                "{\"type\":\"sqs\",\"queueUrl\":1}");
        Arbitrary<String> odd = Arbitraries.of(
                "null",
                "{}",
                "[]",
                "\"http\"",
                "{\"type\":\"smtp\"}",
                "{\"type\":1}",
                "{\"type\":\"http\",\"type\":\"sqs\"}");
        return Arbitraries.oneOf(http, sqs, odd);
    }

    private Arbitrary<String> retry() {
        Arbitrary<String> number = Arbitraries.of(
                "1", "3", "0", "-1", "21", "1e999", "2147483648", "99999999999999999999", "1.5", "\"3\"", "null");
        Arbitrary<String> policy = Combinators.combine(number.optional(), number.optional(), number.optional())
                .as((attempts, initial, max) -> {
                    List<String> members = new ArrayList<>();
                    attempts.ifPresent(value -> members.add("\"maxAttempts\":" + value));
                    initial.ifPresent(value -> members.add("\"initialBackoffMs\":" + value));
                    max.ifPresent(value -> members.add("\"maxBackoffMs\":" + value));
                    return "{" + String.join(",", members) + "}";
                });
        return Arbitraries.oneOf(policy, Arbitraries.of("null", "[]", "{\"maxAttempts\":1,\"colour\":1}"));
    }

    private Arbitrary<String> malformed() {
        return Arbitraries.of(
                "",
                "{",
                "}",
                "{\"seconds\":",
                "{\"seconds\":300,}",
                "{'seconds':300}",
                "{seconds:300}",
                "{\"seconds\":300}}",
                "{\"seconds\":300} {\"seconds\":300}",
                "{\"seconds\":300}garbage",
                "[",
                "\"\\ud800\"",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":\"line\nbreak\"}",
                "/* c */ {\"seconds\":300}",
                "\ufeff{\"seconds\":300}",
                "null",
                "true",
                "1e999",
                "{\"seconds\":NaN}",
                "{\"seconds\":+5}",
                "{\"seconds\":.5}",
                "{\"\\ud800\":1}");
    }

    /** Nesting far past what the parser allows, or just under it. */
    private Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.integers().between(1, 5000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> {
                    String close = open.equals("[") ? "]" : "}";
                    return "{\"seconds\":300,\"payload\":{\"x\":" + open.repeat(depth) + "1" + close.repeat(depth)
                            + "}}";
                });
    }

    /** Bodies near and over the size limits (64 KiB of payload, the request's limit). */
    private Arbitrary<String> large() {
        return Arbitraries.of(1_000, 65_000, 66_000, 300_000, 1_100_000)
                .map(size -> "{\"seconds\":300,\"payload\":{\"text\":\"" + "x".repeat(size) + "\"}}");
    }
}
