package dev.tasksservice.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the client. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** The JSON document in {@code text}; throws IllegalArgumentException if it is not one. */
    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The text of a string member, or null when it is missing, null or not a string. */
    static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || !value.isString() ? null : value.stringValue();
    }
}
