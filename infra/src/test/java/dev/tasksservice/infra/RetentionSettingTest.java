package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class RetentionSettingTest {

    @Test
    void theStagesRetentionReachesEveryJavaFunctionAndNoOther() {
        Map<String, Map<String, Object>> functions =
                SynthesizedStack.resources(SynthesizedStack.withRetention("7d"), "AWS::Lambda::Function");

        assertThat(functions).hasSize(6);
        functions.forEach((id, function) -> {
            Map<?, ?> properties = SynthesizedStack.properties(function);
            Object retention = variables(properties).get("TASKS_RETENTION");
            if (properties.get("Runtime").toString().startsWith("java")) {
                assertThat(retention).as(id).isEqualTo("7d");
            } else {
                assertThat(retention).as(id).isNull();
            }
        });
    }

    @Test
    void unsetTheFunctionsKeepTheirDefault() {
        Template template = SynthesizedStack.template();

        SynthesizedStack.resources(template, "AWS::Lambda::Function")
                .forEach((id, function) -> assertThat(variables(SynthesizedStack.properties(function)))
                        .as(id)
                        .doesNotContainKey("TASKS_RETENTION"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30 days", "0d", "7w", "-1d", "P7D", "7"})
    void aValueTheFunctionsWouldNotReadFailsTheSynthesisNamingTheSetting(String value) {
        assertThatThrownBy(() -> new RetentionSetting(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention")
                .hasMessageContaining(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<?, ?> properties) {
        Object environment = properties.get("Environment");
        return environment == null ? Map.of() : (Map<String, Object>) ((Map<?, ?>) environment).get("Variables");
    }
}
