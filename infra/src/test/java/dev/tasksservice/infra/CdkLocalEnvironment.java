package dev.tasksservice.infra;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment the CDK CLI (cdklocal) runs in to deploy to an emulator: the Makefile's CDKLOCAL settings, with the
 * emulator's endpoint in place of localhost:4566.
 */
final class CdkLocalEnvironment {

    static final String REGION = "us-east-1";

    private CdkLocalEnvironment() {}

    /**
     * {@code inherited} without any AWS setting of its own, so a profile or session of a real account can never be
     * picked up, plus the emulator's endpoint and dummy credentials.
     */
    static Map<String, String> pointingAt(URI endpoint, Map<String, String> inherited, String javaHome) {
        Map<String, String> environment = new LinkedHashMap<>(inherited);
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CDK_"));
        environment.put("AWS_ENDPOINT_URL", endpoint.toString());
        // The bootstrap bucket is reached path-style on the same endpoint: no wildcard DNS name needed.
        environment.put("AWS_ENDPOINT_URL_S3", endpoint.toString());
        environment.put("AWS_S3_FORCE_PATH_STYLE", "true");
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        // cdklocal drops every AWS_* variable not on this list when it runs a CDK CLI this new.
        environment.put("AWS_ENVAR_ALLOWLIST", "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_REGION,AWS_DEFAULT_REGION");
        environment.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        // cdk.json runs the app with mvn, which must find the JDK 21+ running this test, not whatever JAVA_HOME says.
        environment.put("JAVA_HOME", javaHome);
        return environment;
    }
}
