package dev.tasksservice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack as CloudFormation, synthesized once per stage for all tests (a synthesis takes seconds), from placeholder
 * jars so the tests need no build of the real ones.
 */
final class SynthesizedStack {

    static final String STAGE = "dev";

    static final String STATE_MACHINE = "AWS::StepFunctions::StateMachine";

    private static final Path BUILD_DIRECTORY = Path.of(System.getProperty("build.directory", "target"));
    private static final Map<Settings, Template> TEMPLATES = new ConcurrentHashMap<>();

    private record Settings(
            String stage, TargetSettings targets, ApiClients clients, RetentionSetting retention, String alarmEmail) {}

    private SynthesizedStack() {}

    static Template template() {
        return template(STAGE);
    }

    static Template template(String stage) {
        return template(stage, TargetSettings.NONE);
    }

    /** The stack of {@code stage} with the stack settings {@code targets}. */
    static Template template(String stage, TargetSettings targets) {
        return template(stage, targets, ApiClients.DEFAULT);
    }

    /** The stack of {@code stage} with the API clients {@code clients}. */
    static Template template(String stage, ApiClients clients) {
        return template(stage, TargetSettings.NONE, clients);
    }

    private static Template template(String stage, TargetSettings targets, ApiClients clients) {
        return TEMPLATES.computeIfAbsent(
                new Settings(stage, targets, clients, RetentionSetting.DEFAULT, null), SynthesizedStack::synthesize);
    }

    /** The stack of the test stage whose alarms are mailed to {@code alarmEmail}. */
    static Template withAlarmEmail(String alarmEmail) {
        return TEMPLATES.computeIfAbsent(
                new Settings(STAGE, TargetSettings.NONE, ApiClients.DEFAULT, RetentionSetting.DEFAULT, alarmEmail),
                SynthesizedStack::synthesize);
    }

    /** The stack of the default stage with {@code retention} set. */
    static Template withRetention(String retention) {
        return TEMPLATES.computeIfAbsent(
                new Settings(STAGE, TargetSettings.NONE, ApiClients.DEFAULT, new RetentionSetting(retention), null),
                SynthesizedStack::synthesize);
    }

    static ResourceNames names() {
        return new ResourceNames(STAGE);
    }

    /** Where tests leave files for the build to pick up (infra/target). */
    static Path buildDirectory() {
        return BUILD_DIRECTORY;
    }

    private static Template synthesize(Settings settings) {
        ResourceNames names = new ResourceNames(settings.stage());
        App app = new App(AppProps.builder()
                .outdir(BUILD_DIRECTORY
                        .resolve("cdk.out-test/" + settings.stage() + "-" + Integer.toHexString(settings.hashCode()))
                        .toString())
                .build());
        TasksServiceStack stack = new TasksServiceStack(
                app,
                names.stack(),
                StackProps.builder().build(),
                names,
                LambdaCode.fromJars(placeholderJars()),
                settings.targets(),
                settings.clients(),
                settings.retention(),
                settings.alarmEmail());
        return Template.fromStack(stack);
    }

    /** Two small files with different contents, so each Lambda's code can be told apart by its asset. */
    static LambdaJars placeholderJars() {
        try {
            Path directory = Files.createDirectories(BUILD_DIRECTORY.resolve("placeholder-jars"));
            Path functions = Files.writeString(directory.resolve("functions.jar"), "placeholder: scheduler functions");
            Path api = Files.writeString(directory.resolve("api.jar"), "placeholder: api");
            return LambdaJars.existing(directory, functions.toString(), api.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources of {@code type}, by logical id. */
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return template.findResources(type);
    }

    /** The only resource of {@code type}: its logical id. */
    static String onlyLogicalId(Template template, String type) {
        List<String> ids = List.copyOf(resources(template, type).keySet());
        if (ids.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + ids);
        }
        return ids.getFirst();
    }

    /** The Standard state machine, which runs every run but the first attempts that go to the Express one. */
    static String standardStateMachine(Template template) {
        return logicalIdWhere(template, STATE_MACHINE, "StateMachineName", names().stateMachine());
    }

    /** The Express state machine of a first attempt started close to its time. */
    static String expressStateMachine(Template template) {
        return logicalIdWhere(template, STATE_MACHINE, "StateMachineName", names().expressStateMachine());
    }

    /** The logical id of the resource of {@code type} whose {@code property} is {@code value}. */
    static String logicalIdWhere(Template template, String type, String property, Object value) {
        return resources(template, type).entrySet().stream()
                .filter(resource -> value.equals(properties(resource.getValue()).get(property)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " with " + property + " " + value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
