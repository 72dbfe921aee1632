package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdkLocalEnvironmentTest {

    private static final URI EMULATOR = URI.create("http://localhost:49153");

    @Test
    void everyAwsCallGoesToTheEmulatorWithDummyCredentials() {
        // GIVEN a shell with nothing AWS in it
        Map<String, String> inherited = Map.of("PATH", "/usr/bin");

        // WHEN the CDK's environment is made for the emulator
        Map<String, String> environment = CdkLocalEnvironment.pointingAt(EMULATOR, inherited, "/opt/jdk-21");

        // THEN it holds the Makefile's CDKLOCAL settings with the emulator's endpoint
        assertThat(environment)
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("AWS_ENDPOINT_URL", "http://localhost:49153")
                .containsEntry("AWS_ENDPOINT_URL_S3", "http://localhost:49153")
                .containsEntry("AWS_S3_FORCE_PATH_STYLE", "true")
                .containsEntry("AWS_ACCESS_KEY_ID", "test")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "test")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry(
                        "AWS_ENVAR_ALLOWLIST", "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_REGION,AWS_DEFAULT_REGION")
                .containsEntry("JAVA_HOME", "/opt/jdk-21");
    }

    @Test
    void settingsOfARealAccountAreLeftBehind() {
        // GIVEN a shell logged in to a real account
        Map<String, String> inherited = Map.of(
                "AWS_PROFILE", "production",
                "AWS_SESSION_TOKEN", "real-session",
                "AWS_ACCESS_KEY_ID", "AKIAREAL",
                "CDK_DEFAULT_ACCOUNT", "123456789012");

        // WHEN the CDK's environment is made for the emulator
        Map<String, String> environment = CdkLocalEnvironment.pointingAt(EMULATOR, inherited, "/opt/jdk-21");

        // THEN nothing of that account remains
        assertThat(environment)
                .doesNotContainKeys("AWS_PROFILE", "AWS_SESSION_TOKEN", "CDK_DEFAULT_ACCOUNT")
                .containsEntry("AWS_ACCESS_KEY_ID", "test");
    }
}
