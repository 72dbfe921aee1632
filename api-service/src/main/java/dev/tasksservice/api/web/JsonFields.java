package dev.tasksservice.api.web;

import tools.jackson.databind.JsonNode;

/** Strict reading of the members of a request body: each wrong JSON type is reported with the field that has it. */
final class JsonFields {

    private JsonFields() {}

    /** What {@code value} is, as a problem names it: "a string", "an array", and so on. */
    static String kind(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isObject() ? "an object" : "a number";
    }

    /** The members of {@code object} must all be among {@code known}; {@code prefix} goes before a field's name. */
    static void onlyKnown(JsonNode object, String prefix, java.util.List<String> known, String expected) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw new InvalidRequestException(prefix + name, "is not a known field; expected " + expected);
            }
        }
    }

    /** {@code value} as text; it must be a JSON string. */
    static String string(JsonNode value, String field) {
        if (!value.isString()) {
            throw new InvalidRequestException(field, "must be a string, not " + kind(value));
        }
        return value.stringValue();
    }

    /** {@code value} as a whole number that fits a long. */
    static long wholeNumber(JsonNode value, String field) {
        if (!value.isNumber()) {
            throw new InvalidRequestException(field, "must be a number, not " + kind(value));
        }
        if (!value.isIntegralNumber()) {
            throw new InvalidRequestException(field, "must be a whole number");
        }
        if (!value.canConvertToLong()) {
            throw new InvalidRequestException(field, "is too large");
        }
        return value.longValue();
    }

    /** {@code value} as an object; it must be a JSON object. */
    static JsonNode object(JsonNode value, String field) {
        if (!value.isObject()) {
            throw new InvalidRequestException(field, "must be a JSON object, not " + kind(value));
        }
        return value;
    }
}
