package dev.tasksservice.api.web;

import dev.tasksservice.api.auth.CallerTenant;
import dev.tasksservice.domain.model.IdempotencyKey;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.model.TaskPage;
import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.read.FindTask;
import dev.tasksservice.domain.read.ListTasks;
import dev.tasksservice.domain.schedule.RescheduleTask;
import dev.tasksservice.domain.schedule.ScheduleResult;
import dev.tasksservice.domain.schedule.TaskScheduling;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The tasks API. Every use case gets the caller's tenant ({@link CallerTenant}): a caller reaches only its own tasks,
 * and another tenant's task answers 404 exactly as an id that names no task.
 */
@RestController
@RequestMapping("/tasks")
class TasksController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final TaskScheduling scheduling;
    private final FindTask findTask;
    private final ListTasks listTasks;
    private final Clock clock;
    private final ScheduleRequestReader reader = new ScheduleRequestReader();
    private final RescheduleRequestReader changeReader = new RescheduleRequestReader();

    TasksController(TaskScheduling scheduling, FindTask findTask, ListTasks listTasks, Clock clock) {
        this.scheduling = scheduling;
        this.findTask = findTask;
        this.listTasks = listTasks;
        this.clock = clock;
    }

    // Every mapping names what it produces, so an Accept the API cannot meet is answered 406 before the handler runs
    // and changes anything, not after.

    /** Schedules a task; a retry under the same Idempotency-Key answers with the first task, marked as a replay. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ScheduleTaskDocs
    @Parameter(
            in = ParameterIn.HEADER,
            name = IdempotencyKey.FIELD,
            description = "Makes a retry safe: 1 to 255 printable ASCII characters, given once",
            schema = @Schema(type = "string", minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH))
    ResponseEntity<TaskResponse> schedule(@RequestBody JsonNode body, HttpServletRequest request) {
        ScheduleResult result =
                scheduling.schedule(reader.read(CallerTenant.of(request), body, IdempotencyKeyHeader.read(request)));
        Task task = result.task();
        // The context path is the stage behind API Gateway ("/dev"), so following Location works there too.
        return ResponseEntity.created(URI.create(request.getContextPath() + "/tasks/" + task.id()))
                .header("Idempotent-Replayed", Boolean.toString(!result.created()))
                .body(TaskResponse.of(task, now()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    TaskResponse get(@PathVariable String id, HttpServletRequest request) {
        return TaskResponse.of(findTask.find(CallerTenant.of(request), taskId(id)), now());
    }

    /**
     * Changes a task that has not begun to run; with {@code If-Match}, only while it is at the version named. The task
     * waits again as SCHEDULED, one version on.
     */
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @RescheduleTaskDocs
    TaskResponse reschedule(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
            HttpServletRequest request) {
        UUID taskId = taskId(id);
        RescheduleTask change = changeReader.read(CallerTenant.of(request), taskId, body, IfMatch.version(ifMatch));
        return TaskResponse.of(scheduling.reschedule(change), now());
    }

    /** The task's latest attempts, oldest first. */
    @GetMapping(path = "/{id}/attempts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The task's latest attempts (up to 20), oldest first; empty before the first")
    AttemptsResponse attempts(@PathVariable String id, HttpServletRequest request) {
        return AttemptsResponse.of(findTask.find(CallerTenant.of(request), taskId(id)));
    }

    /** Lists the tasks in one status, in the order they become due, a page at a time. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    TaskListResponse list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request) {
        TaskPage page = listTasks.list(CallerTenant.of(request), status(status), limit(limit), cursor);
        Instant now = now();
        return new TaskListResponse(
                page.items().stream().map(task -> TaskResponse.of(task, now)).toList(), page.nextCursor());
    }

    /** Cancels a task that has not started. */
    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    TaskResponse cancel(@PathVariable String id, HttpServletRequest request) {
        return TaskResponse.of(scheduling.cancel(CallerTenant.of(request), taskId(id)), now());
    }

    private Instant now() {
        return clock.instant();
    }

    /** An id that is not a UUID names no task. */
    private static UUID taskId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new UnknownTaskIdException(id);
        }
    }

    private static TaskStatus status(String status) {
        if (status == null) {
            return TaskStatus.SCHEDULED;
        }
        try {
            return TaskStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "must be one of " + Arrays.toString(TaskStatus.values()));
        }
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
