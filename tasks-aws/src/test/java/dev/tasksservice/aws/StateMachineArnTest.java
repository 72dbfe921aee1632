package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateMachineArnTest {

    @Test
    void anExecutionArnNamesTheStateMachineAndTheExecution() {
        assertThat(new StateMachineArn("arn:aws:states:eu-west-1:123456789012:stateMachine:tasks-dev")
                        .executionArn("42"))
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:tasks-dev:42");
    }

    @Test
    void keepsThePartition() {
        assertThat(new StateMachineArn("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:tasks")
                        .executionArn("42"))
                .isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:execution:tasks:42");
    }

    @Test
    void leavesOutAVersionOrAlias() {
        assertThat(new StateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:tasks:live")
                        .executionArn("42"))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:tasks:42");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "tasks",
                "arn:aws:states:us-east-1:123456789012:execution:tasks:42",
                "arn:aws:lambda:us-east-1:123456789012:stateMachine:tasks",
                "arn:aws:states:us-east-1::stateMachine:tasks"
            })
    void refusesWhatIsNotAStateMachineArn(String arn) {
        assertThatThrownBy(() -> new StateMachineArn(arn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a Step Functions state machine ARN");
    }
}
