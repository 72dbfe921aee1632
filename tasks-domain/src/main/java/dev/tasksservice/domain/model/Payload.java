package dev.tasksservice.domain.model;

import java.nio.charset.StandardCharsets;

/** Limits on the payload a client attaches to a task, kept as the JSON text it serializes to. */
public final class Payload {

    /** The largest payload accepted, in bytes of UTF-8 JSON. */
    public static final int MAX_BYTES = 64 * 1024;

    private Payload() {}

    /** Checks a serialized payload, which may be null. */
    public static String checked(String json) {
        if (json != null && json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidTaskException("payload", "must be at most " + MAX_BYTES + " bytes when serialized");
        }
        return json;
    }
}
