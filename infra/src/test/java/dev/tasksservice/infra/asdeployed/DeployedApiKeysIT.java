package dev.tasksservice.infra.asdeployed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.infra.ApiClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The REST API as deployed asks every caller for an API key: the template's authorizer takes it from either header,
 * a key of the stage reaches the API, and anything else is answered by API Gateway itself with the template's
 * problem+json, before the API is called.
 */
@Timeout(120)
class DeployedApiKeysIT extends TasksAsDeployed {

    private final ApiGateway.Key key = deployment.apiKey(ApiClients.DEFAULT_CLIENT);

    @Test
    void theKeyAsABearerTokenOrInXApiKeyInAnyCaseReachesTheApi() {
        for (Map<String, String> headers : java.util.List.of(
                Map.of("Authorization", "Bearer " + key.value()),
                Map.of("authorization", "bearer " + key.value()),
                Map.of("x-api-key", key.value()),
                Map.of("X-API-Key", key.value()))) {
            ApiGateway.Response answer = api.authenticatedBy(headers).send("GET", "/tasks?status=SCHEDULED", null);

            assertThat(answer.status())
                    .as("GET /tasks with %s: %s", headers.keySet(), answer)
                    .isEqualTo(200);
        }
    }

    @Test
    void aRequestWithoutAKeyIsAnswered401ProblemJsonByTheGateway() {
        for (Map<String, String> headers : java.util.List.of(
                Map.<String, String>of(),
                Map.of("Authorization", "Bearer"),
                Map.of("Authorization", "Basic dXNlcjpwYXNz"))) {
            ApiGateway.Response answer = api.authenticatedBy(headers).send("POST", "/tasks", "{\"seconds\":60}");

            assertUnauthorized(answer, headers.toString());
            assertThat(answer.json().get("detail").asString())
                    .isEqualTo("Send the API key as Authorization: Bearer <key> or as x-api-key: <key>");
        }
    }

    @Test
    void aKeyThatIsNotOneOfTheStagesIsAnswered401ProblemJsonByTheGateway() {
        ApiGateway.Response answer = api.authenticatedBy(Map.of("Authorization", "Bearer " + key.value() + "x"))
                .send("GET", "/tasks?status=SCHEDULED", null);

        assertUnauthorized(answer, "an unknown key");
        assertThat(answer.json().get("detail").asString()).isEqualTo("The API key is not one of this API's keys");
    }

    private static void assertUnauthorized(ApiGateway.Response answer, String what) {
        assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(401);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
    }
}
