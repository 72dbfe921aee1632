package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmulatedApiUrlTest {

    private static final URI MAPPED_EMULATOR = URI.create("http://localhost:49153");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/local/",
                "https://a1b2c3d4e5.execute-api.localhost.localstack.cloud:4566/local/",
                "http://localhost:4566/restapis/a1b2c3d4e5/local/_user_request_/"
            })
    void everyFormOfTheOutputLeadsToTheSameApiOnTheMappedPort(String apiUrlOutput) {
        // GIVEN the ApiUrl output of a stack deployed to an emulator
        URI output = URI.create(apiUrlOutput);

        // WHEN it is moved onto the port Testcontainers mapped
        URI reachable = EmulatedApiUrl.on(MAPPED_EMULATOR, output);

        // THEN it names the same API and stage through the emulator's path-style route
        assertThat(reachable).hasToString("http://localhost:49153/restapis/a1b2c3d4e5/local/_user_request_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:4566/", "https://example.com/local/", "http://localhost:4566/restapis/x"})
    void urlThatNamesNoApiStageIsRefused(String notAnApiUrl) {
        // GIVEN an output that is not the URL of an API stage
        URI output = URI.create(notAnApiUrl);

        // WHEN it is moved onto the mapped port THEN it is refused, naming it
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmulatedApiUrl.on(MAPPED_EMULATOR, output))
                .withMessageContaining(notAnApiUrl);
    }
}
