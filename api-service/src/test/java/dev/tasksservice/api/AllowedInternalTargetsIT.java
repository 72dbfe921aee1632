package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.client.HttpTarget;
import dev.tasksservice.client.RescheduleRequest;
import dev.tasksservice.client.ScheduleRequest;
import dev.tasksservice.client.Task;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A deployment that lets targets reach {@code localhost} (TASKS_TARGET_ALLOW=localhost), and only by that name. */
@TestPropertySource(properties = "tasks.target.allow=localhost")
class AllowedInternalTargetsIT extends DynaliteBackedApiTest {

    @Test
    void aTargetNamingAnAllowedHostIsAccepted() {
        Task created = tasks().create(ScheduleRequest.after(Duration.ofMinutes(10))
                        .withTarget(HttpTarget.post("http://localhost:8080/hook")))
                .task();

        assertThat(tasks().get(created.id()).target())
                .isEqualTo(HttpTarget.post(URI.create("http://localhost:8080/hook"))
                        .withMethod("POST")
                        .withTimeout(Duration.ofSeconds(10)));

        Task changed = tasks().reschedule(
                        created.id(),
                        RescheduleRequest.keepingTime().withTarget(HttpTarget.post("http://localhost:9090/other")));
        assertThat(changed.target()).isInstanceOf(HttpTarget.class);
        assertThat(((HttpTarget) changed.target()).url()).isEqualTo(URI.create("http://localhost:9090/other"));
    }

    @Test
    void theAllowListNamesTheHostNotEveryLoopbackAddress() {
        int before = storedTasks();

        TargetsAndRetriesIT.assertBadField(
                () -> tasks().create(ScheduleRequest.after(Duration.ofMinutes(10))
                        .withTarget(HttpTarget.post("http://127.0.0.1:8080/hook"))),
                "target.url",
                "loopback");
        assertThat(storedTasks()).isEqualTo(before);
    }
}
