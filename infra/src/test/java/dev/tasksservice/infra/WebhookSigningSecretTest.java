package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class WebhookSigningSecretTest {

    private final Template template = SynthesizedStack.template();

    @Test
    void eachStageHasItsOwnSigningSecretGeneratedAtDeploymentAsBareBase64() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        Map<String, Object> secret =
                SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::SecretsManager::Secret")
                        .values()
                        .iterator()
                        .next());

        assertThat(secret).containsEntry("Name", "tasksWebhookSecret-dev");
        // Letters and digits only, a multiple of 4 long: the whole value is base64 without padding, as receivers
        // and the executor read it.
        assertThat(secret.get("GenerateSecretString"))
                .isEqualTo(Map.of("ExcludePunctuation", true, "IncludeSpace", false, "PasswordLength", 48));
        assertThat(secret).doesNotContainKey("SecretString");
        assertThat(secret.get("Description").toString()).contains("whsec_<new> whsec_<old>");
    }

    @Test
    void aGeneratedValueOfThatShapeReadsAsBase64OfEnoughRandomBytes() {
        String generated = "aZ09".repeat(WebhookSigningSecret.LENGTH / 4);

        assertThat(Base64.getDecoder().decode(generated)).hasSize(WebhookSigningSecret.KEY_BYTES);
        assertThat(WebhookSigningSecret.KEY_BYTES).isBetween(24, 64);
    }

    @Test
    void theSecretGoesWithTheStackExceptInProduction() {
        assertThat(deletionPolicy(template)).isEqualTo("Delete");
        assertThat(deletionPolicy(SynthesizedStack.template("prod"))).isEqualTo("Retain");
    }

    @Test
    void theStackOutputsTheSecretsArnForTheOperator() {
        Map<String, Map<String, Object>> outputs = template.findOutputs(TasksServiceStack.WEBHOOK_SECRET_OUTPUT);

        assertThat(CloudFormationValues.render(outputs.get("WebhookSecretArn").get("Value")))
                .isEqualTo("<Ref " + SynthesizedStack.onlyLogicalId(template, "AWS::SecretsManager::Secret") + ">");
    }

    private static Object deletionPolicy(Template template) {
        return SynthesizedStack.resources(template, "AWS::SecretsManager::Secret")
                .values()
                .iterator()
                .next()
                .get("DeletionPolicy");
    }
}
