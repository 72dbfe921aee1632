package dev.tasksservice.api;

import dev.tasksservice.api.WireHttp.Answer;
import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hostile-input battery: 1,000 generated hostile requests ({@link HostileRequests}) a run against the whole API on
 * dynalite, sent over a plain socket. Whatever comes in, the API never answers a 5xx, every error is
 * {@code application/problem+json}, and a refused request leaves the task table as it was. The seed is random each run;
 * on failure jqwik prints it (pin it with {@code @Property(seed = "...")} to replay) and the next run starts from it,
 * and the failing request is printed as a line of the hostile corpus, to be added there.
 */
class HostileInputIT {

    static final int TRIES = 1000;

    private static ConfigurableApplicationContext api;
    private static WireHttp wire;
    private static String table;
    private static final List<String> knownIds = new ArrayList<>();
    private static final AtomicInteger sent = new AtomicInteger();
    private static TableSnapshot current;

    @BeforeContainer
    static void startApi() {
        // Arguments, so they win over the local profile's settings.
        api = new SpringApplicationBuilder(TasksApiApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--spring.cloud.aws.dynamodb.endpoint="
                                + DynaliteServer.shared().endpoint(),
                        "--tasks.stage=hostile-" + UUID.randomUUID());
        int port = ((WebServerApplicationContext) api).getWebServer().getPort();
        wire = new WireHttp(port);
        table = api.getBean(TaskTable.class).name();
        for (int i = 0; i < 5; i++) {
            Answer created = wire.send(HostileRequest.of(
                    "a task to change",
                    "POST",
                    "/tasks",
                    List.of("Content-Type: application/json"),
                    "{\"minutes\":30}"));
            knownIds.add(created.json().get("id").stringValue());
        }
    }

    @AfterContainer
    static void stopApi() {
        current = null;
        if (api != null) {
            api.close();
        }
        System.out.println("Hostile battery: " + sent.get() + " requests sent");
    }

    @Property(
            tries = TRIES,
            shrinking = ShrinkingMode.BOUNDED,
            afterFailure = net.jqwik.api.AfterFailureMode.PREVIOUS_SEED)
    void neverA5xxEveryErrorAProblemAndARefusalChangesNothing(@ForAll("hostileRequests") HostileRequest request) {
        // Only the battery's requests change the table, so the state after one request is the state before the next.
        TableSnapshot before = current == null ? TableSnapshot.of(table) : current;
        Answer answer = wire.send(request);
        sent.incrementAndGet();
        current = TableSnapshot.of(table);
        HostileChecks.assertHandled(request, answer, before, current);
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return new HostileRequests(knownIds).any();
    }
}
