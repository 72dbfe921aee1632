package dev.tasksservice.infra;

import java.util.Map;
import software.amazon.awscdk.assertions.Template;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A state machine's definition as Amazon States Language. CloudFormation gets it as an {@code Fn::Join} around the
 * ARNs it only knows at deployment; here those are replaced by placeholders (see {@link CloudFormationValues}).
 */
final class StateMachineDefinition {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StateMachineDefinition() {}

    /** The definition of the Standard state machine. */
    static String render(Template template) {
        return render(template, SynthesizedStack.standardStateMachine(template));
    }

    /** The definition of the state machine {@code stateMachine} (its logical id). */
    static String render(Template template, String stateMachine) {
        Map<String, Object> properties =
                SynthesizedStack.properties(SynthesizedStack.resources(template, SynthesizedStack.STATE_MACHINE)
                        .get(stateMachine));
        return CloudFormationValues.render(properties.get("DefinitionString"));
    }

    static JsonNode parse(Template template) {
        return JSON.readTree(render(template));
    }

    static JsonNode parse(Template template, String stateMachine) {
        return JSON.readTree(render(template, stateMachine));
    }
}
