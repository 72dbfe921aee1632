package dev.tasksservice.api.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * Names the member at fault when the JSON parser itself refuses a body for one member: a member given twice (the
 * mapper detects duplicates strictly) or a member name holding a lone UTF-16 surrogate. Any other unreadable body is
 * the body's problem as a whole.
 */
final class UnreadableJson {

    private static final String DUPLICATE = "Duplicate Object property";

    private UnreadableJson() {}

    /** The field problem {@code failure} is about, if it is about one member. */
    static Optional<InvalidRequestException> fieldProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read && read.processor() instanceof JsonParser parser) {
                String message = String.valueOf(read.getOriginalMessage());
                TokenStreamContext context = parser.streamReadContext();
                if (message.startsWith(DUPLICATE)) {
                    return Optional.of(new InvalidRequestException(path(context, true), "is given more than once"));
                }
                if (message.contains("surrogate")) {
                    // The name being read is not the context's yet: the member at fault is in the enclosing object.
                    return Optional.of(new InvalidRequestException(
                            path(context, false), "has a member name with a lone UTF-16 surrogate"));
                }
            }
        }
        return Optional.empty();
    }

    /** The dotted path of {@code context}, such as {@code payload.items[2].name}; "body" for the top. */
    private static String path(TokenStreamContext context, boolean withCurrentName) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            boolean innermost = at == context;
            if (at.inArray()) {
                parts.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.hasCurrentName() && (withCurrentName || !innermost)) {
                parts.addFirst("." + at.currentName());
            }
        }
        String path = String.join("", parts);
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? "body" : path;
    }
}
