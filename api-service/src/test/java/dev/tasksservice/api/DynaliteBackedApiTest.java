package dev.tasksservice.api;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.client.TasksClient;
import dev.tasksservice.domain.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The whole API on a random port, on the DynamoDB adapter and a dynalite server, with a clock the test controls.
 * Each test class gets its own table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DynaliteBackedApiTest.FixedClock.class)
abstract class DynaliteBackedApiTest {

    static final MutableClock CLOCK = MutableClock.at("2030-01-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    TaskTable table;

    @DynamicPropertySource
    static void dynamoDb(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.aws.dynamodb.endpoint",
                () -> DynaliteServer.shared().endpoint().toString());
        registry.add("tasks.stage", () -> "it-" + UUID.randomUUID());
    }

    private TasksClient tasks;

    /** The API through the typed client, as a Java user calls it. */
    TasksClient tasks() {
        if (tasks == null) {
            tasks = TasksClient.of(URI.create("http://localhost:" + port));
        }
        return tasks;
    }

    /** How many tasks this class's table holds, read from DynamoDB itself. */
    int storedTasks() {
        return DynaliteServer.shared()
                .client()
                .scan(scan -> scan.tableName(table.name()).select(Select.COUNT))
                .count();
    }

    /** Plain HTTP, for the requests the typed client cannot send. */
    RawHttp raw() {
        return new RawHttp(port);
    }

    @AfterEach
    void closeClient() {
        if (tasks != null) {
            tasks.close();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }
}
