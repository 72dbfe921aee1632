package dev.tasksservice.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth --context stage=dev}. Context: {@code stage} (default {@value #DEFAULT_STAGE}),
 * {@code functionsJar} and {@code apiJar} (default: the modules' build output), and where tasks may be delivered:
 * {@code defaultTarget}, {@code targetAllow}, {@code targetQueues} (default: none; see {@link TargetSettings}), and
 * the API's clients: {@code apiClients} (default: one client {@value ApiClients#DEFAULT_CLIENT}; see
 * {@link ApiClients}); how long finished tasks are kept: {@code retention} (default: the functions' 30 days; see
 * {@link RetentionSetting}); where to mail the alarms: {@code alarmEmail} (default: no one; see {@link TasksMonitoring});
 * and, while an existing table moves to the sharded indexes, {@code indexMigration} (see
 * {@link TaskStorage#INDEX_MIGRATION_STEP}).
 */
public final class TasksServiceApp {

    static final String DEFAULT_STAGE = "dev";

    /** The context key of the address the alarms are mailed to (see {@link TasksMonitoring}). */
    static final String ALARM_EMAIL = "alarmEmail";

    private TasksServiceApp() {}

    public static void main(String[] args) {
        App app = new App();
        define(app, Path.of(""));
        app.synth();
    }

    /**
     * The stack of the stage that the context names, with the jars it names (paths relative to
     * {@code workingDirectory}) or else the modules' build output.
     */
    public static TasksServiceStack define(App app, Path workingDirectory) {
        ResourceNames names = new ResourceNames(context(app, "stage", DEFAULT_STAGE));
        LambdaJars jars =
                LambdaJars.existing(workingDirectory, context(app, "functionsJar", null), context(app, "apiJar", null));
        return new TasksServiceStack(
                app,
                names.stack(),
                StackProps.builder()
                        .description("Tasks Service, stage " + names.stage())
                        .build(),
                names,
                LambdaCode.fromJars(jars),
                new TargetSettings(
                        context(app, TargetSettings.DEFAULT_TARGET, null),
                        context(app, TargetSettings.TARGET_ALLOW, null),
                        context(app, TargetSettings.TARGET_QUEUES, null)),
                ApiClients.parse(context(app, ApiClients.CONTEXT, null)),
                new RetentionSetting(context(app, RetentionSetting.CONTEXT, null)),
                context(app, ALARM_EMAIL, null));
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
