package dev.tasksservice.api.web;

import dev.tasksservice.domain.model.IdempotencyKeyReusedException;
import dev.tasksservice.domain.model.InvalidCursorException;
import dev.tasksservice.domain.model.InvalidTaskException;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskNotFoundException;
import dev.tasksservice.domain.model.TaskStatusConflictException;
import dev.tasksservice.domain.model.TaskVersionMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error as {@code application/problem+json} (RFC 9457). A problem caused by one part of the request names it
 * in the {@code field} property.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return fieldProblem(e.field(), e.getMessage());
    }

    @ExceptionHandler(InvalidTaskException.class)
    ResponseEntity<ProblemDetail> invalidTask(InvalidTaskException e) {
        return fieldProblem(e.field(), e.getMessage());
    }

    @ExceptionHandler(InvalidCursorException.class)
    ResponseEntity<ProblemDetail> invalidCursor(InvalidCursorException e) {
        return fieldProblem("cursor", "is not a cursor this service returned for that status");
    }

    @ExceptionHandler({TaskNotFoundException.class, UnknownTaskIdException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Task not found", e.getMessage());
    }

    @ExceptionHandler(TaskStatusConflictException.class)
    ResponseEntity<ProblemDetail> conflict(TaskStatusConflictException e) {
        return withTaskState(problem(HttpStatus.CONFLICT, "Task status conflict", e.getMessage()), e.current());
    }

    @ExceptionHandler(TaskVersionMismatchException.class)
    ResponseEntity<ProblemDetail> versionMismatch(TaskVersionMismatchException e) {
        return withTaskState(
                problem(HttpStatus.PRECONDITION_FAILED, "Task version mismatch", e.getMessage()), e.current());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        ResponseEntity<ProblemDetail> response =
                problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
        response.getBody().setProperty("field", "Idempotency-Key");
        return response;
    }

    @ExceptionHandler(SdkException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(SdkException e) {
        log.error("The task store failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Task store unavailable", "Try again shortly");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedByTooLargeBody(e)) {
            return widen(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", rootMessage(e)));
        }
        return widen(UnreadableJson.fieldProblem(e)
                .map(problem -> fieldProblem(problem.field(), problem.getMessage()))
                .orElseGet(() -> fieldProblem("body", "is not readable JSON: " + shortReason(e))));
    }

    /** Problems the base class makes (405, 406, 415, unknown paths) get the problem media type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        if (body instanceof ProblemDetail) {
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    /** The task's status and version when a change was refused, so the client knows what it is up against. */
    private static ResponseEntity<ProblemDetail> withTaskState(ResponseEntity<ProblemDetail> response, Task current) {
        response.getBody().setProperty("taskStatus", current.status().name());
        response.getBody().setProperty("taskVersion", current.version());
        return response;
    }

    private static ResponseEntity<ProblemDetail> fieldProblem(String field, String reason) {
        ResponseEntity<ProblemDetail> response =
                problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + reason);
        response.getBody().setProperty("field", field);
        response.getBody().setProperty("reason", reason);
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return new ResponseEntity<>(response.getBody(), response.getHeaders(), response.getStatusCode());
    }

    private static boolean causedByTooLargeBody(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The parser's first line, without the echo of the input it adds. */
    private static String shortReason(HttpMessageNotReadableException e) {
        String message = e.getMostSpecificCause().getMessage();
        if (message == null) {
            return "the body is missing or malformed";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine;
    }
}
