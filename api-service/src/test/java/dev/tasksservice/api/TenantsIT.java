package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.RawHttp.Reply;
import dev.tasksservice.aws.DynaliteServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants over real HTTP, each calling with its own local API key: each reaches only its own tasks, and another tenant's task answers exactly as an id
 * that names no task. Each test names its own tenants, so the tests share the class's table without seeing each other.
 */
class TenantsIT extends DynaliteBackedApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static final String AUTHORIZATION = "Authorization";

    /** Tenants with a local API key each, as an operator configures them; each test takes tenants of its own. */
    private static final Map<String, String> KEYS = keys(12);

    private static final AtomicInteger TENANTS_TAKEN = new AtomicInteger();

    private final String acme = nextTenant();
    private final String globex = nextTenant();

    @DynamicPropertySource
    static void apiKeys(DynamicPropertyRegistry registry) {
        registry.add(
                "TASKS_API_KEYS",
                () -> KEYS.entrySet().stream()
                        .map(tenant -> tenant.getKey() + ":" + sha256Hex(tenant.getValue()))
                        .collect(Collectors.joining(",")));
    }

    @Test
    void aTaskIsStoredAsItsTenantsAndItsOwnerReadsIt() {
        String id = create(acme, "{\"seconds\":300}").json().get("id").stringValue();

        Reply read = raw().get("/tasks/" + id, AUTHORIZATION, bearer(acme));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").stringValue()).isEqualTo(id);
        assertThat(storedItem(id).get("tenant").s()).isEqualTo(acme);
    }

    @Test
    void everyRequestForAnotherTenantsTaskAnswersAsForAnUnknownIdAndChangesNothing() {
        Reply created = create(acme, "{\"seconds\":300,\"payload\":{\"secret\":\"acme's\"}}");
        String id = created.json().get("id").stringValue();
        String unknown = UUID.randomUUID().toString();
        Map<String, BiFunction<String, String, Reply>> requests = Map.of(
                "GET", (taskId, tenant) -> raw().get("/tasks/" + taskId, AUTHORIZATION, bearer(tenant)),
                "GET attempts",
                        (taskId, tenant) -> raw().get("/tasks/" + taskId + "/attempts", AUTHORIZATION, bearer(tenant)),
                "PATCH",
                        (taskId, tenant) ->
                                raw().patch("/tasks/" + taskId, "{\"seconds\":5}", AUTHORIZATION, bearer(tenant)),
                "PATCH If-Match",
                        (taskId, tenant) -> raw().patch(
                                        "/tasks/" + taskId,
                                        "{\"seconds\":5}",
                                        AUTHORIZATION,
                                        bearer(tenant),
                                        "If-Match",
                                        "\"0\""),
                "DELETE", (taskId, tenant) -> raw().delete("/tasks/" + taskId, AUTHORIZATION, bearer(tenant)));

        requests.forEach((name, request) -> {
            Reply foreign = request.apply(id, globex);
            Reply missing = request.apply(unknown, globex);

            assertThat(foreign.status()).as(name).isEqualTo(404);
            assertThat(foreign.contentType()).as(name).startsWith(PROBLEM);
            assertThat(foreign.contentType()).as(name).isEqualTo(missing.contentType());
            JsonNode problem = foreign.json();
            JsonNode expected = missing.json();
            assertThat(fieldNames(problem)).as(name).isEqualTo(fieldNames(expected));
            for (String field : List.of("type", "title", "status")) {
                assertThat(problem.get(field)).as(name + " " + field).isEqualTo(expected.get(field));
            }
            assertThat(problem.get("detail").stringValue())
                    .as(name)
                    .isEqualTo(expected.get("detail").stringValue().replace(unknown, id));
            assertThat(foreign.response().body()).as(name).doesNotContain(acme).doesNotContain("secret");
        });

        Reply own = raw().get("/tasks/" + id, AUTHORIZATION, bearer(acme));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("status").stringValue()).isEqualTo("SCHEDULED");
        assertThat(own.json().get("version")).isEqualTo(created.json().get("version"));
        assertThat(own.json().get("timestamp")).isEqualTo(created.json().get("timestamp"));
    }

    @Test
    void aListingShowsOnlyTheCallersTasks() {
        List<String> acmes = new ArrayList<>();
        List<String> globexes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Interleaved in the index: each one due a second after the one before.
            String tenant = i % 2 == 0 ? acme : globex;
            String id = create(tenant, "{\"seconds\":" + (300 + i) + "}")
                    .json()
                    .get("id")
                    .stringValue();
            (tenant.equals(acme) ? acmes : globexes).add(id);
        }

        assertThat(walk(acme, 2)).containsExactlyElementsOf(acmes);
        assertThat(walk(globex, 1)).containsExactlyElementsOf(globexes);
        assertThat(walk(nextTenant(), 5)).as("a tenant without tasks").isEmpty();
    }

    @Test
    void theSameIdempotencyKeyUnderTwoTenantsCreatesTwoTasksAndAReplayReturnsTheTenantsOwn() {
        String key = "order-" + UUID.randomUUID();
        String body = "{\"seconds\":300,\"payload\":{\"n\":1}}";

        Reply acmeFirst = create(acme, body, "Idempotency-Key", key);
        Reply globexFirst = create(globex, body, "Idempotency-Key", key);
        Reply acmeAgain = create(acme, body, "Idempotency-Key", key);
        Reply globexAgain = create(globex, body, "Idempotency-Key", key);

        String acmeId = acmeFirst.json().get("id").stringValue();
        String globexId = globexFirst.json().get("id").stringValue();
        assertThat(List.of(acmeFirst.status(), globexFirst.status(), acmeAgain.status(), globexAgain.status()))
                .containsOnly(201);
        assertThat(acmeFirst.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(globexFirst.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(globexId).isNotEqualTo(acmeId);
        assertThat(acmeAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(acmeAgain.json().get("id").stringValue()).isEqualTo(acmeId);
        assertThat(globexAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(globexAgain.json().get("id").stringValue()).isEqualTo(globexId);
        assertThat(raw().get("/tasks/" + globexId, AUTHORIZATION, bearer(acme)).status())
                .isEqualTo(404);
        assertThat(walk(acme, 10)).containsExactly(acmeId);
        assertThat(walk(globex, 10)).containsExactly(globexId);
    }

    private static Map<String, String> keys(int tenants) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> keys = new TreeMap<>();
        for (int i = 0; i < tenants; i++) {
            keys.put("tenant-" + run + "-" + i, "tsk_" + UUID.randomUUID());
        }
        return keys;
    }

    /** A key's hash as the operator writes it, the output of {@code sha256sum}. */
    private static String sha256Hex(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nextTenant() {
        return List.copyOf(KEYS.keySet()).get(TENANTS_TAKEN.getAndIncrement());
    }

    private static String bearer(String tenant) {
        return "Bearer " + KEYS.get(tenant);
    }

    private Reply create(String tenant, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = AUTHORIZATION;
        all[1] = bearer(tenant);
        System.arraycopy(headers, 0, all, 2, headers.length);
        Reply created = raw().post("/tasks", json, all);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created;
    }

    /** The ids of the tenant's SCHEDULED tasks, page by page as a client reads them. */
    private List<String> walk(String tenant, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = raw().get(
                            "/tasks?status=SCHEDULED&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor),
                            AUTHORIZATION,
                            bearer(tenant));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            JsonNode items = page.json().get("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            items.forEach(item -> seen.add(item.get("id").stringValue()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.stringValue();
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(cursor).as("the walk ends").isNull();
        return seen;
    }

    private Map<String, AttributeValue> storedItem(String id) {
        return DynaliteServer.shared()
                .client()
                .getItem(request -> request.tableName(table.name())
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }
}
