package dev.tasksservice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.TaskTable;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Each function's Spring context with only the settings its Lambda gets: it starts, holds what its function uses and
 * nothing of the others, and a missing setting stops it naming the variable.
 */
class FunctionContextsIT {

    private static final String STAGE = "ctx-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String QUEUE_URL = "http://localhost:1/000000000000/tasksQueue-" + STAGE;
    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tasksWebhookSecret-x";
    private static final String STATE_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:tasksStateMachine-" + STAGE;

    @BeforeAll
    static void table() {
        TaskTable.forStage(STAGE).createIfMissing(DynaliteServer.shared().client());
    }

    @Test
    void pollerBuildsTheQueueAndNoExecutorParts() {
        try (ConfigurableApplicationContext context =
                start("cronPoller", Map.of("tasks.queue-url", QUEUE_URL, "tasks.state-machine-arn", STATE_MACHINE))) {
            assertThat(context.containsBean("cronPoller")).isTrue();
            assertThat(context.containsBean("sqsConsumer")).isFalse();
            assertThat(context.containsBean("taskExecutor")).isFalse();
            assertThat(context.getBeansOfType(DispatchQueue.class)).hasSize(1);
            assertThat(context.getBeansOfType(TaskAction.class)).isEmpty();
        }
    }

    @Test
    void consumerBuildsTheWorkflowAndNoQueue() {
        try (ConfigurableApplicationContext context =
                start("sqsConsumer", Map.of("tasks.state-machine-arn", STATE_MACHINE))) {
            assertThat(context.containsBean("sqsConsumer")).isTrue();
            assertThat(context.containsBean("cronPoller")).isFalse();
            assertThat(context.getBeansOfType(TaskWorkflow.class)).hasSize(1);
            assertThat(context.getBeansOfType(SqsClient.class)).isEmpty();
            assertThat(context.getBeansOfType(TaskAction.class)).isEmpty();
        }
    }

    @Test
    void executorNeedsNeitherTheDispatchQueueNorTheStateMachine() {
        try (ConfigurableApplicationContext context =
                start("taskExecutor", Map.of("TASKS_WEBHOOK_SECRET_ARN", SECRET))) {
            assertThat(context.containsBean("taskExecutor")).isTrue();
            assertThat(context.getBeansOfType(DispatchQueue.class)).isEmpty();
            assertThat(context.getBeansOfType(SfnClient.class)).isEmpty();
            assertThat(context.getBeansOfType(TaskAction.class)).hasSize(1);
        }
    }

    @Test
    void executorWithoutItsSigningSecretStopsNamingTheVariable() {
        assertThatThrownBy(() -> start("taskExecutor", Map.of()))
                .rootCause()
                .hasMessageContaining("taskExecutor cannot start")
                .hasMessageContaining("TASKS_WEBHOOK_SECRET_ARN");
    }

    @Test
    void executorWithABadTargetSettingStopsNamingTheVariable() {
        assertThatThrownBy(() -> start(
                        "taskExecutor",
                        Map.of("TASKS_WEBHOOK_SECRET_ARN", SECRET, "TASKS_TARGET_ALLOW", "10.0.0.0/99")))
                .rootCause()
                .hasMessageContaining("TASKS_TARGET_ALLOW");
    }

    @Test
    void pollerWithoutItsQueueStopsNamingTheVariable() {
        assertThatThrownBy(() -> start("cronPoller", Map.of("tasks.state-machine-arn", STATE_MACHINE)))
                .rootCause()
                .hasMessageContaining("cronPoller cannot start")
                .hasMessageContaining("TASKS_QUEUE_URL");
    }

    @Test
    void consumerWithoutItsStateMachineStopsNamingTheVariable() {
        assertThatThrownBy(() -> start("sqsConsumer", Map.of()))
                .rootCause()
                .hasMessageContaining("sqsConsumer cannot start")
                .hasMessageContaining("TASKS_STATE_MACHINE_ARN");
    }

    @Test
    void pollerWithoutTheStateMachineItSweepsStopsNamingTheVariable() {
        assertThatThrownBy(() -> start("cronPoller", Map.of("tasks.queue-url", QUEUE_URL)))
                .rootCause()
                .hasMessageContaining("cronPoller cannot start")
                .hasMessageContaining("TASKS_STATE_MACHINE_ARN");
    }

    @Test
    void aDefinitionNamingNoFunctionOfTheJarStopsTheStart() {
        assertThatThrownBy(() -> start("taskExecuter", Map.of()))
                .rootCause()
                .hasMessageContaining("SPRING_CLOUD_FUNCTION_DEFINITION names no function of this jar: taskExecuter");
    }

    private static ConfigurableApplicationContext start(String function, Map<String, String> settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.cloud.function.definition=" + function,
                "--spring.cloud.aws.region.static=us-east-1",
                "--spring.cloud.aws.credentials.access-key=local",
                "--spring.cloud.aws.credentials.secret-key=local",
                "--spring.cloud.aws.dynamodb.endpoint="
                        + DynaliteServer.shared().endpoint(),
                "--tasks.stage=" + STAGE,
                "--tasks.create-table=false"));
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(SchedulerFunctionsApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }
}
