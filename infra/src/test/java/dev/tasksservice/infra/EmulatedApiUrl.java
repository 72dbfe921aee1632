package dev.tasksservice.infra;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the stack's {@code ApiUrl} output into a URL that reaches the REST API through an emulator's own port.
 *
 * <p>The output names the API by host, {@code https://{api id}.execute-api.{region}.{url suffix}/{stage}/}, which only
 * resolves (if at all) to port 4566 on this machine, while Testcontainers maps the emulator to a random port. Floci
 * and LocalStack both also serve every REST API at {@code {endpoint}/restapis/{api id}/{stage}/_user_request_}, which
 * works on whatever port the emulator is reached.
 */
final class EmulatedApiUrl {

    private static final String PATH_STYLE_MARKER = "restapis";

    private EmulatedApiUrl() {}

    /** The base URL of the API named by {@code apiUrlOutput}, on {@code emulatorEndpoint}, without a trailing slash. */
    static URI on(URI emulatorEndpoint, URI apiUrlOutput) {
        RestApiStage api = restApiStage(apiUrlOutput);
        String endpoint = emulatorEndpoint.toString().replaceAll("/+$", "");
        return URI.create(endpoint + "/restapis/" + api.id() + "/" + api.stage() + "/_user_request_");
    }

    private static RestApiStage restApiStage(URI apiUrl) {
        List<String> path = pathSegments(apiUrl);
        // An emulator may already answer with its path-style URL.
        int marker = path.indexOf(PATH_STYLE_MARKER);
        if (marker >= 0 && path.size() > marker + 2) {
            return new RestApiStage(path.get(marker + 1), path.get(marker + 2));
        }
        String host = apiUrl.getHost();
        if (host != null && host.contains(".execute-api.") && !path.isEmpty()) {
            return new RestApiStage(host.substring(0, host.indexOf('.')), path.getFirst());
        }
        throw new IllegalArgumentException("not the URL of a REST API stage: " + apiUrl);
    }

    private static List<String> pathSegments(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
    }

    private record RestApiStage(String id, String stage) {}
}
