package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** The CDK app reads the API's clients from context, as {@code cdk deploy --context apiClients=...} gives them. */
class TasksServiceAppTest {

    @Test
    void clientsFromContextGetTheirKeysAndPlans() {
        Template template = Template.fromStack(TasksServiceApp.define(app("acme:rate=5:burst=9,beta"), Path.of("")));

        template.resourceCountIs("AWS::ApiGateway::ApiKey", 2);
        template.hasResourceProperties("AWS::ApiGateway::ApiKey", Map.of("Name", "acme-dev"));
        template.hasResourceProperties("AWS::ApiGateway::ApiKey", Map.of("Name", "beta-dev"));
        template.hasResourceProperties(
                "AWS::ApiGateway::UsagePlan",
                Map.of(
                        "UsagePlanName", "tasksPlan-acme-dev",
                        "Throttle", Map.of("RateLimit", 5, "BurstLimit", 9),
                        "Quota", Map.of("Limit", 10000, "Period", "DAY")));
        assertThat(template.findOutputs("*")).containsKeys("ApiKeyIdAcme", "ApiKeyIdBeta");
    }

    @Test
    void aBadClientSettingFailsTheSynthesisNamingIt() {
        assertThatThrownBy(() -> TasksServiceApp.define(app("acme:rate=-1"), Path.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stack setting apiClients: client 'acme': rate must be a positive number");
    }

    private static App app(String apiClients) {
        LambdaJars jars = SynthesizedStack.placeholderJars();
        Map<String, Object> context = new HashMap<>();
        context.put("stage", "dev");
        context.put("functionsJar", jars.functions().toAbsolutePath().toString());
        context.put("apiJar", jars.api().toAbsolutePath().toString());
        context.put(ApiClients.CONTEXT, apiClients);
        return new App(AppProps.builder()
                .outdir(SynthesizedStack.buildDirectory()
                        .resolve("cdk.out-app-test/" + Integer.toHexString(apiClients.hashCode()))
                        .toString())
                .context(context)
                .build());
    }
}
