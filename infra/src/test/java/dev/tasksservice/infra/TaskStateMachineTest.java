package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.model.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;

class TaskStateMachineTest {

    private final Template template = SynthesizedStack.template();
    private final JsonNode definition = StateMachineDefinition.parse(template);
    private final JsonNode states = definition.get("States");

    @Test
    void standardStateMachineIsNamedForTheStage() {
        template.hasResourceProperties(
                "AWS::StepFunctions::StateMachine",
                Map.of("StateMachineName", "tasksStateMachine-dev", "StateMachineType", "STANDARD"));
    }

    @Test
    void executionWaitsUntilTheTaskTimestampThenRunsTheTask() {
        assertThat(definition.get("StartAt").asString()).isEqualTo("WaitUntilDue");
        assertThat(names(states))
                .containsExactlyInAnyOrder(
                        "WaitUntilDue",
                        "ExecuteTask",
                        "TaskDone",
                        "AttemptFailed",
                        "NextAttempt",
                        "BackOff",
                        "MarkFailed",
                        "TaskFailed",
                        "ExecutorUnavailable",
                        "FailureNotRecorded");

        JsonNode wait = states.get("WaitUntilDue");
        assertThat(wait.get("Type").asString()).isEqualTo("Wait");
        assertThat(wait.get("TimestampPath").asString()).isEqualTo("$.timestamp");
        assertThat(wait.get("Next").asString()).isEqualTo("ExecuteTask");
        assertThat(states.get("ExecuteTask").get("Next").asString()).isEqualTo("TaskDone");
        assertThat(states.get("TaskDone").get("Type").asString()).isEqualTo("Succeed");
    }

    @Test
    void executeTaskInvokesTheExecutorAliasWithTheTaskAndTheAttemptFromTheExecutionsData() {
        JsonNode execute = states.get("ExecuteTask");

        assertThat(execute.get("Type").asString()).isEqualTo("Task");
        assertThat(execute.get("Resource").asString()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(execute.get("Parameters").get("FunctionName").asString()).isEqualTo(executorAlias());
        assertThat(fields(execute.get("Parameters").get("Payload")))
                .isEqualTo(Map.of("id.$", "$.id", "timestamp.$", "$.timestamp", "attempt.$", "$.attempt"));
    }

    @Test
    void onlyLambdaPlatformErrorsAreRetriedInPlace() {
        JsonNode retries = states.get("ExecuteTask").get("Retry");

        assertThat(retries).hasSize(1);
        JsonNode retry = retries.get(0);
        assertThat(strings(retry.get("ErrorEquals"))).containsExactlyElementsOf(StepFunctionsRetry.PLATFORM_ERRORS);
        assertThat(retry.get("JitterStrategy").asString()).isEqualTo("FULL");
        assertThat(retry.get("MaxDelaySeconds").asInt()).isPositive();
    }

    @Test
    void aFailedAttemptIsFollowedByTheNextAfterThePolicysPauseUntilTheAttemptsAreUsedUp() {
        JsonNode catches = states.get("ExecuteTask").get("Catch");
        assertThat(catches).hasSize(2);
        assertThat(strings(catches.get(0).get("ErrorEquals")))
                .containsExactlyElementsOf(StepFunctionsRetry.PLATFORM_ERRORS);
        assertThat(catches.get(0).get("Next").asString()).isEqualTo("ExecutorUnavailable");
        assertThat(strings(catches.get(1).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(catches.get(1).get("ResultPath").asString()).isEqualTo("$.failure");
        assertThat(catches.get(1).get("Next").asString()).isEqualTo("AttemptFailed");

        JsonNode choice = states.get("AttemptFailed").get("Choices").get(0);
        assertThat(choice.get("Variable").asString()).isEqualTo("$.attempt");
        assertThat(choice.get("NumericLessThan").asInt()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(choice.get("Next").asString()).isEqualTo("NextAttempt");
        assertThat(states.get("AttemptFailed").get("Default").asString()).isEqualTo("MarkFailed");

        JsonNode next = states.get("NextAttempt").get("Parameters");
        assertThat(next.get("attempt.$").asString()).isEqualTo("States.MathAdd($.attempt, 1)");
        assertThat(next.get("pauseSeconds.$").asString())
                .isEqualTo("States.ArrayGetItem(States.Array(0, 5, 5), $.attempt)");
        assertThat(states.get("BackOff").get("SecondsPath").asString()).isEqualTo("$.pauseSeconds");
        assertThat(states.get("BackOff").get("Next").asString()).isEqualTo("ExecuteTask");
    }

    @Test
    void theLastFailureIsRecordedByTheExecutorAndAFailureToRecordItIsCaught() {
        JsonNode markFailed = states.get("MarkFailed");
        assertThat(markFailed.get("Resource").asString()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(markFailed.get("Parameters").get("FunctionName").asString()).isEqualTo(executorAlias());
        JsonNode payload = markFailed.get("Parameters").get("Payload");
        assertThat(payload.get("id.$").asString()).isEqualTo("$.id");
        assertThat(fields(payload.get("failure")))
                .isEqualTo(Map.of("Error.$", "$.failure.Error", "Cause.$", "$.failure.Cause"));
        assertThat(strings(markFailed.get("Retry").get(0).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(strings(markFailed.get("Catch").get(0).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(markFailed.get("Catch").get(0).get("Next").asString()).isEqualTo("FailureNotRecorded");
        assertThat(markFailed.get("Next").asString()).isEqualTo("TaskFailed");
        assertThat(states.get("TaskFailed").get("Type").asString()).isEqualTo("Fail");
        assertThat(states.get("FailureNotRecorded").get("Type").asString()).isEqualTo("Fail");
    }

    @Test
    void definitionIsTheSameOnEverySynthesis() {
        // Map.of would order the payload differently in another JVM, and every deployment would update the machine.
        assertThat(states.get("ExecuteTask").get("Parameters").get("Payload").propertyNames())
                .containsExactly("id.$", "timestamp.$", "attempt.$");
    }

    @Test
    void stateMachineMayInvokeTheExecutorAliasOnly() {
        String role = ((List<?>) ((Map<?, ?>) SynthesizedStack.properties(
                                        SynthesizedStack.resources(template, "AWS::StepFunctions::StateMachine")
                                                .values()
                                                .iterator()
                                                .next())
                                .get("RoleArn"))
                        .get("Fn::GetAtt"))
                .getFirst()
                .toString();

        assertThat(RolePermissions.of(template, role))
                .isEqualTo(Map.of("lambda:InvokeFunction", Set.of(executorAlias())));
    }

    private String executorAlias() {
        return "<Ref "
                + DeployedLambdas.liveAlias(template, DeployedLambdas.schedulerFunction(template, "taskExecutor"))
                + ">";
    }

    private static List<String> names(JsonNode object) {
        return object.propertyNames().stream().toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }

    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> fields = new TreeMap<>();
        object.properties()
                .forEach(field -> fields.put(field.getKey(), field.getValue().asString()));
        return fields;
    }
}
