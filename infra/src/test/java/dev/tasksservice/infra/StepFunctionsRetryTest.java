package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepFunctionsRetryTest {

    @Test
    void platformErrorsAreRetriedWithJitterAndNeverAsATaskFailure() {
        // The errors with which Lambda refuses or loses an invocation, as Step Functions names them.
        assertThat(StepFunctionsRetry.PLATFORM_RETRY.getErrors())
                .containsExactlyInAnyOrder(
                        "Lambda.TooManyRequestsException",
                        "Lambda.ServiceException",
                        "Lambda.SdkClientException",
                        "Lambda.AWSLambdaException");
        assertThat(StepFunctionsRetry.PLATFORM_RETRY.getJitterStrategy().name()).isEqualTo("FULL");
    }
}
