package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

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
    private final JsonNode express =
            StateMachineDefinition.parse(template, SynthesizedStack.expressStateMachine(template));
    private final JsonNode expressStates = express.get("States");

    @Test
    void standardStateMachineIsNamedForTheStage() {
        template.hasResourceProperties(
                "AWS::StepFunctions::StateMachine",
                Map.of("StateMachineName", "tasksStateMachine-dev", "StateMachineType", "STANDARD"));
    }

    @Test
    void executionWaitsUntilTheTaskTimestampThenRunsTheTaskAndDoesWhatTheExecutorAnswers() {
        assertThat(definition.get("StartAt").asString()).isEqualTo("WaitUntilDue");
        assertThat(names(states))
                .containsExactlyInAnyOrder(
                        "WaitUntilDue",
                        "ExecuteTask",
                        "AfterAttempt",
                        "NextAttempt",
                        "TaskDone",
                        "TaskFailed",
                        "ExecutorUnavailable",
                        "ExecutorFailed");

        JsonNode wait = states.get("WaitUntilDue");
        assertThat(wait.get("Type").asString()).isEqualTo("Wait");
        assertThat(wait.get("TimestampPath").asString()).isEqualTo("$.timestamp");
        assertThat(wait.get("Next").asString()).isEqualTo("ExecuteTask");
        assertThat(states.get("ExecuteTask").get("Next").asString()).isEqualTo("AfterAttempt");
        assertThat(states.get("TaskDone").get("Type").asString()).isEqualTo("Succeed");
    }

    @Test
    void executeTaskInvokesTheExecutorAliasWithTheTaskTheAttemptAndTheVersionFromTheExecutionsData() {
        JsonNode execute = states.get("ExecuteTask");

        assertThat(execute.get("Type").asString()).isEqualTo("Task");
        assertThat(execute.get("Resource").asString()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(execute.get("Parameters").get("FunctionName").asString()).isEqualTo(executorAlias());
        assertThat(fields(execute.get("Parameters").get("Payload")))
                .isEqualTo(Map.of(
                        "id.$",
                        "$.id",
                        "timestamp.$",
                        "$.timestamp",
                        "attempt.$",
                        "$.attempt",
                        "version.$",
                        "$.version"));
    }

    @Test
    void theExecutorsAnswerIsKeptWithoutLambdasEnvelope() {
        JsonNode execute = states.get("ExecuteTask");

        assertThat(execute.get("ResultPath").asString()).isEqualTo("$.result");
        assertThat(fields(execute.get("ResultSelector")))
                .isEqualTo(Map.of(
                        "id.$", "$.Payload.id",
                        "status.$", "$.Payload.status",
                        "executedAt.$", "$.Payload.executedAt",
                        "nextAttempt.$", "$.Payload.nextAttempt",
                        "retryAt.$", "$.Payload.retryAt",
                        "error.$", "$.Payload.error",
                        "skippedBecause.$", "$.Payload.skippedBecause"));
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
    void anExecutorThatCannotBeInvokedOrThrowsEndsTheExecutionForTheSweepToSettle() {
        JsonNode catches = states.get("ExecuteTask").get("Catch");

        assertThat(catches).hasSize(2);
        assertThat(strings(catches.get(0).get("ErrorEquals")))
                .containsExactlyElementsOf(StepFunctionsRetry.PLATFORM_ERRORS);
        assertThat(catches.get(0).get("Next").asString()).isEqualTo("ExecutorUnavailable");
        assertThat(strings(catches.get(1).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(catches.get(1).get("Next").asString()).isEqualTo("ExecutorFailed");
        for (String fail : List.of("ExecutorUnavailable", "ExecutorFailed")) {
            JsonNode state = states.get(fail);
            assertThat(state.get("Type").asString()).isEqualTo("Fail");
            assertThat(state.get("ErrorPath").asString()).isEqualTo("$.failure.Error");
            assertThat(state.get("CausePath").asString()).isEqualTo("$.failure.Cause");
        }
        assertThat(catches.get(0).get("ResultPath").asString()).isEqualTo("$.failure");
        assertThat(catches.get(1).get("ResultPath").asString()).isEqualTo("$.failure");
    }

    @Test
    void aRetryAnswerWaitsForItsInstantAndCallsTheExecutorForTheNextAttempt() {
        JsonNode choices = states.get("AfterAttempt").get("Choices");

        assertThat(choices.get(0).get("Variable").asString()).isEqualTo("$.result.status");
        assertThat(choices.get(0).get("StringEquals").asString()).isEqualTo("RETRY");
        assertThat(choices.get(0).get("Next").asString()).isEqualTo("NextAttempt");
        JsonNode next = states.get("NextAttempt");
        assertThat(fields(next.get("Parameters")))
                .isEqualTo(Map.of(
                        "id.$", "$.id",
                        "timestamp.$", "$.result.retryAt",
                        "attempt.$", "$.result.nextAttempt",
                        "version.$", "$.version"));
        assertThat(next.get("Next").asString()).isEqualTo("WaitUntilDue");
    }

    @Test
    void aFailedAnswerFailsTheExecutionWithTheTasksErrorAndAnyOtherSucceeds() {
        JsonNode afterAttempt = states.get("AfterAttempt");
        JsonNode choices = afterAttempt.get("Choices");

        assertThat(choices).hasSize(2);
        assertThat(choices.get(1).get("Variable").asString()).isEqualTo("$.result.status");
        assertThat(choices.get(1).get("StringEquals").asString()).isEqualTo("FAILED");
        assertThat(choices.get(1).get("Next").asString()).isEqualTo("TaskFailed");
        JsonNode failed = states.get("TaskFailed");
        assertThat(failed.get("Type").asString()).isEqualTo("Fail");
        assertThat(failed.get("Error").asString()).isEqualTo("TaskFailed");
        assertThat(failed.get("CausePath").asString()).isEqualTo("$.result.error");
        assertThat(afterAttempt.get("Default").asString()).isEqualTo("TaskDone");
    }

    @Test
    void definitionIsTheSameOnEverySynthesis() {
        // Map.of would order the payload differently in another JVM, and every deployment would update the machine.
        assertThat(states.get("ExecuteTask").get("Parameters").get("Payload").propertyNames())
                .containsExactly("id.$", "timestamp.$", "attempt.$", "version.$");
        assertThat(states.get("ExecuteTask").get("ResultSelector").propertyNames())
                .containsExactly(
                        "id.$",
                        "status.$",
                        "executedAt.$",
                        "nextAttempt.$",
                        "retryAt.$",
                        "error.$",
                        "skippedBecause.$");
        assertThat(states.get("NextAttempt").get("Parameters").propertyNames())
                .containsExactly("id.$", "timestamp.$", "attempt.$", "version.$");
    }

    @Test
    void stateMachineMayInvokeTheExecutorAliasOnly() {
        assertThat(RolePermissions.of(template, role(SynthesizedStack.standardStateMachine(template))))
                .isEqualTo(Map.of("lambda:InvokeFunction", Set.of(executorAlias())));
    }

    @Test
    void expressStateMachineIsNamedForTheStage() {
        template.hasResourceProperties(
                "AWS::StepFunctions::StateMachine",
                Map.of("StateMachineName", "tasksExpressStateMachine-dev", "StateMachineType", "EXPRESS"));
    }

    @Test
    void expressStateMachineRunsTheAttemptAsTheStandardOneDoes() {
        assertThat(express.get("StartAt").asString()).isEqualTo("WaitUntilDue");
        assertThat(names(expressStates))
                .containsExactlyInAnyOrder(
                        "WaitUntilDue",
                        "WaitOutMilliseconds",
                        "ExecuteTask",
                        "AfterAttempt",
                        "HandOverRetry",
                        "RetryHandedOver",
                        "TaskDone",
                        "TaskFailed",
                        "ExecutorUnavailable",
                        "ExecutorFailed");
        for (String same : List.of("ExecuteTask", "TaskDone", "TaskFailed", "ExecutorUnavailable", "ExecutorFailed")) {
            assertThat(expressStates.get(same)).as(same).isEqualTo(states.get(same));
        }
        // The same wait, followed by the millisecond wait rather than the executor.
        assertThat(without(expressStates.get("WaitUntilDue"), "Next"))
                .isEqualTo(without(states.get("WaitUntilDue"), "Next"));
        assertThat(expressStates.get("WaitUntilDue").get("Next").asString()).isEqualTo("WaitOutMilliseconds");
        JsonNode afterAttempt = expressStates.get("AfterAttempt");
        assertThat(afterAttempt.get("Choices").get(0).get("StringEquals").asString())
                .isEqualTo("RETRY");
        assertThat(afterAttempt.get("Choices").get(0).get("Next").asString()).isEqualTo("HandOverRetry");
        assertThat(afterAttempt.get("Choices").get(1))
                .isEqualTo(states.get("AfterAttempt").get("Choices").get(1));
        assertThat(afterAttempt.get("Default").asString()).isEqualTo("TaskDone");
    }

    @Test
    void theMillisecondWaitGetsTheTimestampAndLeadsToTheExecutorWhateverBecomesOfIt() {
        JsonNode wait = expressStates.get("WaitOutMilliseconds");

        assertThat(wait.get("Type").asString()).isEqualTo("Task");
        assertThat(wait.get("Resource").asString()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(wait.get("Parameters").get("FunctionName").asString()).contains("MillisecondWait");
        assertThat(wait.get("Parameters").get("Payload").get("timestamp.$").asString())
                .isEqualTo("$.timestamp");
        // Its answer is dropped: the executor gets the execution's data as it was.
        assertThat(wait.get("ResultPath").isNull()).isTrue();
        assertThat(wait.get("Next").asString()).isEqualTo("ExecuteTask");
        assertThat(wait.get("Catch")).hasSize(1);
        assertThat(strings(wait.get("Catch").get(0).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(wait.get("Catch").get(0).get("Next").asString()).isEqualTo("ExecuteTask");
    }

    @Test
    void aRetryIsHandedOverToTheStandardStateMachineUnderTheNameAndInputOfTheRedrive() {
        JsonNode handOver = expressStates.get("HandOverRetry");

        assertThat(handOver.get("Type").asString()).isEqualTo("Task");
        assertThat(handOver.get("Resource").asString()).isEqualTo("arn:aws:states:::states:startExecution");
        JsonNode parameters = handOver.get("Parameters");
        assertThat(parameters.get("StateMachineArn").asString())
                .isEqualTo("<Ref " + SynthesizedStack.standardStateMachine(template) + ">");
        assertThat(parameters.get("Name.$").asString())
                .isEqualTo("States.Format('{}-a{}', $.run, $.result.nextAttempt)");
        // What the Standard machine's own next attempt is, so also what the poller's re-drive starts.
        assertThat(parameters.get("Input")).isEqualTo(states.get("NextAttempt").get("Parameters"));
        assertThat(handOver.get("Next").asString()).isEqualTo("RetryHandedOver");
        assertThat(expressStates.get("RetryHandedOver").get("Type").asString()).isEqualTo("Succeed");
    }

    @Test
    void aHandOverThatFindsItsExecutionStartedSucceedsAndOtherErrorsAreRetried() {
        JsonNode handOver = expressStates.get("HandOverRetry");
        String alreadyStarted = "StepFunctions.ExecutionAlreadyExistsException";

        JsonNode retries = handOver.get("Retry");
        assertThat(strings(retries.get(0).get("ErrorEquals"))).containsExactly(alreadyStarted);
        assertThat(retries.get(0).get("MaxAttempts").asInt()).isZero();
        assertThat(strings(retries.get(1).get("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(retries.get(1).get("MaxAttempts").asInt()).isPositive();
        JsonNode catches = handOver.get("Catch");
        assertThat(catches).hasSize(1);
        assertThat(strings(catches.get(0).get("ErrorEquals"))).containsExactly(alreadyStarted);
        assertThat(catches.get(0).get("Next").asString()).isEqualTo("RetryHandedOver");
    }

    @Test
    void expressStateMachineMayInvokeTheMillisecondWaitAndTheExecutorAndStartStandardExecutionsOnly() {
        assertThat(RolePermissions.of(template, role(SynthesizedStack.expressStateMachine(template))))
                .isEqualTo(Map.of(
                        "lambda:InvokeFunction",
                        Set.of(executorAlias(), millisecondWaitArn(), millisecondWaitArn() + ":*"),
                        "states:StartExecution",
                        Set.of("<Ref " + SynthesizedStack.standardStateMachine(template) + ">")));
    }

    private String millisecondWaitArn() {
        return "<"
                + SynthesizedStack.resources(template, "AWS::Lambda::Function").keySet().stream()
                        .filter(id -> id.startsWith("ExpressWorkflowMillisecondWait"))
                        .findFirst()
                        .orElseThrow()
                + ".Arn>";
    }

    private static JsonNode without(JsonNode state, String field) {
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) state).deepCopy();
        copy.remove(field);
        return copy;
    }

    private String role(String stateMachine) {
        Map<?, ?> roleArn = (Map<?, ?>)
                SynthesizedStack.properties(SynthesizedStack.resources(template, SynthesizedStack.STATE_MACHINE)
                                .get(stateMachine))
                        .get("RoleArn");
        return ((List<?>) roleArn.get("Fn::GetAtt")).getFirst().toString();
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
