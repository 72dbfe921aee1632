package dev.tasksservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.api.WireHttp.Answer;

/**
 * What every answer to a hostile request must be: never a 5xx, every error a problem
 * ({@code application/problem+json}), and a refused request leaves the task table exactly as it was.
 */
final class HostileChecks {

    private HostileChecks() {}

    static void assertHandled(HostileRequest request, Answer answer, TableSnapshot before, TableSnapshot after) {
        String replay = "\nreplay (a line of the hostile corpus): " + request.toJsonLine() + "\nanswer: " + answer;
        assertThat(answer.status()).as("never a 5xx" + replay).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.isProblem())
                    .as("an error is application/problem+json" + replay)
                    .isTrue();
            assertThat(answer.json().get("status").intValue())
                    .as("the problem's status" + replay)
                    .isEqualTo(answer.status());
            assertThat(after.items())
                    .as("a refused request changes no task" + replay)
                    .isEqualTo(before.items());
        }
    }
}
