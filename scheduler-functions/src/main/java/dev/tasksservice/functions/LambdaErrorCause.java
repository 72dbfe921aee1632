package dev.tasksservice.functions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the message out of the Cause that Step Functions catches from a failed Lambda: a JSON document such as
 * {@code {"errorMessage":"...","errorType":"..."}}, or plain text from other sources.
 */
final class LambdaErrorCause {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LambdaErrorCause() {}

    static String message(String cause, String error) {
        if (cause == null || cause.isBlank()) {
            return error == null ? "unknown error" : error;
        }
        try {
            JsonNode node = JSON.readTree(cause);
            JsonNode message = node.get("errorMessage");
            if (message != null && message.isString()) {
                return message.stringValue();
            }
        } catch (RuntimeException notJson) {
            // Plain text: use it as it is.
        }
        return cause;
    }
}
