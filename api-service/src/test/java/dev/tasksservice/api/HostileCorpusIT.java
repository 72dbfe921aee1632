package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.WireHttp.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the hostile corpus ({@code hostile-corpus/requests.jsonl}): every request that ever made the API fail, one
 * JSON line each, found by hand or by {@link HostileInputIT} (which prints a failing request as such a line). Each gets
 * the status the line names (and the field, when it names one), as a problem, and leaves the table as it was; every
 * line also gets the battery's own checks.
 */
class HostileCorpusIT extends DynaliteBackedApiTest {

    private static final String CORPUS = "/hostile-corpus/requests.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> corpus() {
        try (InputStream in = HostileCorpusIT.class.getResourceAsStream(CORPUS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .filter(line -> !line.isBlank())
                            .map(JSON::readTree)
                            .map(line -> Arguments.of(line.get("name").stringValue(), line))
                            .toList()
                            .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aRequestThatOnceFailedIsRefusedAsAProblemAndChangesNothing(String name, JsonNode line) {
        HostileRequest request = HostileRequest.fromJson(line);
        TableSnapshot before = TableSnapshot.of(table.name());

        Answer answer = new WireHttp(port).send(request);

        HostileChecks.assertHandled(request, answer, before, TableSnapshot.of(table.name()));
        assertThat(answer.status())
                .as("%s", answer)
                .isEqualTo(line.get("status").intValue());
        if (line.has("field")) {
            assertThat(answer.field())
                    .as("%s", answer)
                    .isEqualTo(line.get("field").stringValue());
        }
    }
}
