package dev.tasksservice.client;

import tools.jackson.databind.JsonNode;

/**
 * The API answered with an error. Its problem ({@code application/problem+json}, RFC 9457) is read into
 * {@link #type()}, {@link #title()}, {@link #detail()} and {@link #field()} (the part of the request at fault); an
 * error body that is not a problem leaves those null and is kept, as every body is, in {@link #body()}.
 *
 * <p>Subclasses name the errors a caller may handle: {@link TaskNotFoundException},
 * {@link InvalidTaskRequestException} (with {@link IdempotencyKeyReusedException}) and
 * {@link TaskStatusConflictException} (with {@link TaskVersionConflictException}). Anything else (a 503 when the task store is unavailable, a gateway's own
 * error) is this class.
 */
public class TasksApiException extends RuntimeException {

    private final int status;
    private final String contentType;
    private final String body;
    private final JsonNode problem;

    /**
     * @param request what was asked, such as {@code GET http://localhost:8080/tasks/...}, for the message
     * @param contentType the answer's Content-Type, or null
     */
    public TasksApiException(String request, int status, String contentType, String body) {
        this(status, request + " answered " + status + ": " + (body == null ? "" : body), contentType, body);
    }

    /** A successful answer whose body is not what the call returns (a task, a page of tasks). */
    static TasksApiException unreadable(String request, int status, String contentType, String body, String why) {
        return new TasksApiException(
                status,
                request + " answered " + status + " with a body that is not " + why + ": " + body,
                contentType,
                body);
    }

    private TasksApiException(int status, String message, String contentType, String body) {
        super(message);
        this.problem = status >= 400 ? problemOf(body) : null;
        this.status = status;
        this.contentType = contentType;
        this.body = body == null ? "" : body;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The problem type, a URI reference; null when not given ({@code about:blank}). */
    public String type() {
        return property("type");
    }

    /** A short summary of the kind of problem, such as {@code Invalid request}. */
    public String title() {
        return property("title");
    }

    /** What went wrong with this request, such as {@code seconds: must not be negative}. */
    public String detail() {
        return property("detail");
    }

    /** The part of the request at fault: a body field, a query parameter or a header; null when none. */
    public String field() {
        return property("field");
    }

    /** Another member of the problem (the API adds {@code reason}, and {@code taskStatus} on a conflict). */
    public String property(String name) {
        JsonNode value = problem == null ? null : problem.get(name);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }

    /** True when the answer was a problem document, not some other error body. */
    public boolean isProblem() {
        return problem != null;
    }

    /** The answer's Content-Type, or null. */
    public String contentType() {
        return contentType;
    }

    /** The answer's body as it came, empty when there was none. */
    public String body() {
        return body;
    }

    /** A problem is a JSON object; anything else (HTML from a proxy, plain text) is not one. */
    private static JsonNode problemOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
