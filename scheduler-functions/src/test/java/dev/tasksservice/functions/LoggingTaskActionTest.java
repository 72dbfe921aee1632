package dev.tasksservice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasksservice.domain.TaskActionContract;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.TaskAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task action contract against the action shipped today, which a user sees as one JSON line on the log
 * {@code tasks.executed} (Logback, as in the functions). The line is captured from that logger and read as JSON.
 */
class LoggingTaskActionTest extends TaskActionContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Logger logger = (Logger) LoggerFactory.getLogger("tasks.executed");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @Override
    protected TaskAction newAction() {
        appender.start();
        logger.addAppender(appender);
        return new LoggingTaskAction();
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Override
    protected List<Instant> runsSeen(UUID taskId) {
        return lines().stream()
                .filter(line -> line.path("id").asString().equals(taskId.toString()))
                .map(line -> Instant.parse(line.path("executedAt").asString()))
                .toList();
    }

    /** It writes a log line and nothing else, so it has nothing that can fail. */
    @Override
    protected Optional<Task> failing(Task task) {
        return Optional.empty();
    }

    @Test
    void theRunIsOneJsonLineAtInfoWithEveryFieldAUserReads() throws Exception {
        Task task = attempt(2, "{\"orderId\":42,\"note\":\"ü\"}");

        action.perform(task, DUE.plusMillis(1234));

        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).doesNotContain("\n");
        });
        JsonNode line = lines().getFirst();
        assertThat(line.path("event").asString()).isEqualTo("task.executed");
        assertThat(line.path("id").asString()).isEqualTo(task.id().toString());
        assertThat(line.path("timestamp").asString()).isEqualTo("2030-01-01T10:00:00.250Z");
        assertThat(line.path("executedAt").asString()).isEqualTo("2030-01-01T10:00:01.484Z");
        assertThat(line.path("latenessMs").asLong()).isEqualTo(1234);
        assertThat(line.path("attempt").asInt()).isEqualTo(2);
        assertThat(line.path("payload")).isEqualTo(JSON.readTree("{\"orderId\":42,\"note\":\"ü\"}"));
    }

    @Test
    void aTaskWithoutPayloadHasANullPayload() throws Exception {
        Task task = attempt(1, null);

        action.perform(task, DUE);

        JsonNode line = lines().getFirst();
        assertThat(line.has("payload")).isTrue();
        assertThat(line.path("payload").isNull()).isTrue();
        assertThat(line.path("latenessMs").asLong()).isZero();
    }

    private List<JsonNode> lines() {
        return appender.list.stream()
                .map(event -> JSON.readTree(event.getFormattedMessage()))
                .toList();
    }
}
