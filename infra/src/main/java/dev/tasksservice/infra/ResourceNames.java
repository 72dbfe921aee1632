package dev.tasksservice.infra;

import dev.tasksservice.schema.DispatchQueueSchema;
import dev.tasksservice.schema.TasksTableSchema;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of a stage's resources. The runtime finds the table by {@code TASKS_STAGE} alone, so these names are part
 * of the contract with it, not a matter of taste.
 */
public record ResourceNames(String stage) {

    /** Letters, digits and dashes: the stage ends up in table, queue, state machine and stack names. */
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9-]{1,32}");

    public static final String PRODUCTION_STAGE = "prod";

    public ResourceNames {
        Objects.requireNonNull(stage, "stage");
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException(
                    "stage must be 1 to 32 letters, digits or dashes, for example dev or prod: " + stage);
        }
    }

    public String stack() {
        return "TasksServiceStack-" + stage;
    }

    public String table() {
        return TasksTableSchema.tableName(stage);
    }

    public String queue() {
        return DispatchQueueSchema.queueName(stage);
    }

    public String deadLetterQueue() {
        return DispatchQueueSchema.deadLetterQueueName(stage);
    }

    public String stateMachine() {
        return "tasksStateMachine-" + stage;
    }

    /** The Express state machine that runs the first attempt of a task started close to its time. */
    public String expressStateMachine() {
        return "tasksExpressStateMachine-" + stage;
    }

    /** The Secrets Manager secret that signs the webhooks. */
    public String webhookSecret() {
        return "tasksWebhookSecret-" + stage;
    }

    public String restApi() {
        return "tasksApi-" + stage;
    }

    /** The REST API's authorizer, which takes the caller's API key from either header. */
    public String apiKeyAuthorizer() {
        return "tasksApiKeyAuthorizer-" + stage;
    }

    /** The API key of the client {@code client}. */
    public String apiKey(String client) {
        return client + "-" + stage;
    }

    /** The usage plan (rate, burst, daily quota) of the client {@code client}. */
    public String usagePlan(String client) {
        return "tasksPlan-" + client + "-" + stage;
    }

    /** The alarm {@code what}, as {@code tasksDeadLetterQueueNotEmpty-dev}. */
    public String alarm(String what) {
        return "tasks" + what + "-" + stage;
    }

    /** The SNS topic the alarms notify. */
    public String alarmTopic() {
        return "tasksAlarms-" + stage;
    }

    /** The CloudWatch dashboard of the stage. */
    public String dashboard() {
        return "tasksService-" + stage;
    }

    public boolean isProduction() {
        return PRODUCTION_STAGE.equals(stage);
    }
}
