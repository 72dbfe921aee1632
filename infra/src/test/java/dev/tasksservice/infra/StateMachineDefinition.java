package dev.tasksservice.infra;

import java.util.Map;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state machine's definition as Amazon States Language. CloudFormation gets it as an {@code Fn::Join} around the
 * ARNs it only knows at deployment; here those are replaced by placeholders (see {@link CloudFormationValues}).
 */
final class StateMachineDefinition {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StateMachineDefinition() {}

    static String render(Template template) {
        String stateMachine = SynthesizedStack.onlyLogicalId(template, "AWS::StepFunctions::StateMachine");
        Map<String, Object> properties =
                SynthesizedStack.properties(SynthesizedStack.resources(template, "AWS::StepFunctions::StateMachine")
                        .get(stateMachine));
        return CloudFormationValues.render(properties.get("DefinitionString"));
    }

    static JsonNode parse(Template template) {
        return JSON.readTree(render(template));
    }
}
