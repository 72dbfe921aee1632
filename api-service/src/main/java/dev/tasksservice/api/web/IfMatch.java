package dev.tasksservice.api.web;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code If-Match} header of a change: the task's {@code version} as a strong entity tag ({@code "3"}), or
 * {@code *} for any version. The API sends no ETag: the version counts only the client's changes, not the pipeline's,
 * so it would be a wrong validator for a cached read.
 */
final class IfMatch {

    static final String HEADER = "If-Match";
    private static final Pattern VERSION = Pattern.compile("\"(\\d{1,18})\"");

    private IfMatch() {}

    /** The version the header names; empty when there is no header or it is {@code *}. */
    static OptionalLong version(String header) {
        if (header == null || header.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher matcher = VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new InvalidRequestException(
                    HEADER, "must be the task's version as an entity tag, such as \"3\" (with the quotes), or *");
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }
}
