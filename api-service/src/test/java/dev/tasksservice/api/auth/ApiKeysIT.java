package dev.tasksservice.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over HTTP with local API keys and keyless calls turned off: what a caller without a key, with a wrong one and
 * with a good one (in either header) gets, the rate limit, and the health details only a known caller sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiKeysIT {

    private static final String ACME_KEY = "tsk_acme-" + UUID.randomUUID();
    private static final String BURST_KEY = "tsk_burst-" + UUID.randomUUID();
    private static final String GLOBEX_KEY = "tsk_globex-" + UUID.randomUUID();
    // Every tenant may make 5 requests at once (the burst below): tests share no tenant, so none spends another's.
    private static final String STRANGER_KEY = "tsk_stranger-" + UUID.randomUUID();
    private static final String HEALTH_KEY = "tsk_health-" + UUID.randomUUID();
    private static final Path KEY_FILE = keyFile();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.aws.dynamodb.endpoint",
                () -> DynaliteServer.shared().endpoint().toString());
        registry.add("tasks.stage", () -> "keys-" + UUID.randomUUID());
        // As the documented variables, so that their binding is tested too.
        registry.add(
                "TASKS_API_KEYS",
                () -> String.join(
                        ",",
                        "acme:" + ApiKeyHash.of(ACME_KEY).hex(),
                        "burst:" + ApiKeyHash.of(BURST_KEY).hex(),
                        "globex:" + ApiKeyHash.of(GLOBEX_KEY).hex(),
                        "stranger:" + ApiKeyHash.of(STRANGER_KEY).hex(),
                        "health:" + ApiKeyHash.of(HEALTH_KEY).hex()));
        registry.add("TASKS_API_KEYS_FILE", KEY_FILE::toString);
        registry.add("TASKS_ALLOW_KEYLESS", () -> "false");
        registry.add("TASKS_RATE_LIMIT", () -> "1");
        registry.add("TASKS_RATE_BURST", () -> "5");
    }

    @Test
    void withoutAKeyTheAnswerIs401ProblemAskingForABearerToken() {
        for (HttpResponse<String> response :
                List.of(get("/tasks"), get("/tasks/" + UUID.randomUUID()), get("/nowhere"))) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            JsonNode problem = json(response);
            assertThat(problem.get("status").intValue()).isEqualTo(401);
            assertThat(problem.get("title").stringValue()).isEqualTo("Unauthorized");
            assertThat(problem.get("detail").stringValue()).contains("Authorization: Bearer");
        }
    }

    @Test
    void aWrongKeyIs401WithoutCreatingAnything() {
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Authorization", "Bearer " + ACME_KEY + "x")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"timestamp\":\"2099-01-01T00:00:00Z\"}")));
        HttpResponse<String> otherScheme = get("/tasks", "Authorization", "Basic " + ACME_KEY);
        HttpResponse<String> hashAsKey =
                get("/tasks", "x-api-key", ApiKeyHash.of(ACME_KEY).hex());

        assertThat(List.of(wrong.statusCode(), otherScheme.statusCode(), hashAsKey.statusCode()))
                .containsOnly(401);
        assertThat(json(wrong).get("detail").stringValue()).isEqualTo("The API key is not valid");
        assertThat(wrong.body()).doesNotContain(ACME_KEY);
        assertThat(json(get("/tasks?status=SCHEDULED", "x-api-key", ACME_KEY)).get("items"))
                .isEmpty();
    }

    @Test
    void aGoodKeyIsServedAsBearerTokenOrAsXApiKey() {
        HttpResponse<String> bearer = get("/tasks", "Authorization", "Bearer " + ACME_KEY);
        HttpResponse<String> lowerCaseScheme = get("/tasks", "Authorization", "bearer " + ACME_KEY);
        HttpResponse<String> header = get("/tasks", "x-api-key", ACME_KEY);

        assertThat(List.of(bearer.statusCode(), lowerCaseScheme.statusCode(), header.statusCode()))
                .containsOnly(200);
        assertThat(json(bearer).has("items")).isTrue();
    }

    @Test
    void aTaskBelongsToTheKeysTenantAndAnotherKeyDoesNotFindIt() {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/tasks"))
                .header("Authorization", "Bearer " + GLOBEX_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":300}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").stringValue();

        assertThat(get("/tasks/" + id, "x-api-key", GLOBEX_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/tasks/" + id, "x-api-key", STRANGER_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyMadeWithMakeApiKeyWhileTheApiRunsIsAccepted() throws IOException {
        String key = NewApiKey.create("late", KEY_FILE);

        assertThat(get("/tasks", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
    }

    @Test
    void overTheBurstTheAnswerIs429WithRetryAfterAndAfterThatWaitTheKeyIsServedAgain() throws InterruptedException {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(get("/tasks", "Authorization", "Bearer " + BURST_KEY));
        }

        assertThat(responses.subList(0, 5))
                .allSatisfy(ok -> assertThat(ok.statusCode()).isEqualTo(200));
        HttpResponse<String> limited = responses.get(7);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(limited).get("status").intValue()).isEqualTo(429);
        assertThat(get("/tasks", "Authorization", "Bearer " + STRANGER_KEY).statusCode())
                .as("another tenant is not limited by this one")
                .isEqualTo(200);

        Thread.sleep(1000L
                * Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()));
        assertThat(get("/tasks", "Authorization", "Bearer " + BURST_KEY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthAnswersEveryoneButShowsItsDetailsOnlyToAKnownCaller() {
        HttpResponse<String> anonymous = get("/actuator/health");
        HttpResponse<String> wrongKey = get("/actuator/health", "x-api-key", "tsk_wrong");
        HttpResponse<String> known = get("/actuator/health", "Authorization", "Bearer " + HEALTH_KEY);

        assertThat(List.of(anonymous.statusCode(), wrongKey.statusCode(), known.statusCode()))
                .containsOnly(200);
        assertThat(json(anonymous).get("status").stringValue()).isEqualTo("UP");
        assertThat(json(anonymous).has("components")).isFalse();
        assertThat(json(wrongKey).has("components")).isFalse();
        assertThat(json(known).at("/components/dynamoDb/status").stringValue()).isEqualTo("UP");
        assertThat(get("/actuator/health/dynamoDb").statusCode())
                .as("one component's details")
                .isEqualTo(401);
        assertThat(get("/actuator/health/dynamoDb", "x-api-key", HEALTH_KEY).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDocumentationIsOpenButAPathDressedAsItIsNot() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).at("/components/securitySchemes/bearer/scheme").stringValue())
                .isEqualTo("bearer");
        assertThat(json(docs).at("/components/securitySchemes/apiKey/name").stringValue())
                .isEqualTo("x-api-key");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs/..;/..;/tasks").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health/;/../../tasks").statusCode()).isEqualTo(401);
    }

    @Test
    void theWebPageIsOpenButEveryCallItMakesNeedsAKey() {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(root.body()).contains("<script type=\"module\" src=\"page.js\"></script>");
        assertThat(get("/index.html").body()).isEqualTo(root.body());
        HttpResponse<String> script = get("/page.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(script.body()).contains("Authorization");
        HttpResponse<String> style = get("/page.css");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(send(HttpRequest.newBuilder(uri("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/page.js", "Authorization", "Bearer " + HEALTH_KEY).statusCode())
                .as("with a key too")
                .isEqualTo(200);

        // Only those files, only read: the data and anything dressed as a page file still need a key.
        for (String path : List.of("/tasks", "/tasks?status=COMPLETED", "/favicon.ico", "/page.js;x=1", "/page.js/")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(posted.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static Path keyFile() {
        try {
            Path dir = Files.createTempDirectory("api-keys");
            dir.toFile().deleteOnExit();
            return dir.resolve("api-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
