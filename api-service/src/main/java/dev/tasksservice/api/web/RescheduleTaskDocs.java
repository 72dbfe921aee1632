package dev.tasksservice.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** The OpenAPI description of {@code PATCH /tasks/{id}}, whose body the controller reads as a JSON tree. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Operation(
        summary = "Change a task that has not begun to run",
        description = "A JSON merge patch (application/json or application/merge-patch+json) of the parts to change;"
                + " a part left out keeps its value, and an empty object changes nothing (200 with the task as it is)."
                + " The task waits again as SCHEDULED, one version on (its version). Each part is judged as"
                + " POST /tasks judges it, and a change that breaks a rule changes nothing.")
@Parameter(
        name = IfMatch.HEADER,
        in = ParameterIn.HEADER,
        description = "The version the change applies to, as an entity tag (\"3\", with the quotes), from the task's"
                + " version field; 412 when the task is at another. Without it, the change applies to the task as it"
                + " is; of two changes made at once, one wins and the other gets 409.",
        schema = @Schema(type = "string", example = "\"0\""))
@io.swagger.v3.oas.annotations.parameters.RequestBody(
        required = true,
        content = {
            @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = RescheduleTaskDocs.Request.class),
                    examples = {
                        @ExampleObject(name = "later", value = "{\"timestamp\":\"2030-01-02T10:00:00.000Z\"}"),
                        @ExampleObject(name = "in ten minutes", value = "{\"minutes\":10}"),
                        @ExampleObject(
                                name = "new payload, default target",
                                value = "{\"payload\":{\"orderId\":43},\"target\":null}")
                    }),
            @Content(
                    mediaType = TasksController.MERGE_PATCH_JSON,
                    schema = @Schema(implementation = RescheduleTaskDocs.Request.class))
        })
@ApiResponse(responseCode = "200", description = "The task after the change")
@ApiResponse(
        responseCode = "400",
        description = "A part breaks a rule, or If-Match is not a version; the problem's field names it",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(
        responseCode = "404",
        description = "No such task",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(
        responseCode = "409",
        description = "The task has begun to run or is final, or another change won; taskStatus and taskVersion say"
                + " how it is now",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(
        responseCode = "412",
        description = "The task is no longer at the version If-Match names; taskVersion says which it is at",
        content = @Content(mediaType = "application/problem+json"))
@interface RescheduleTaskDocs {

    @Schema(
            name = "RescheduleTaskRequest",
            description = "Any of: the time (timestamp, or hours/minutes/seconds from now), payload, target, retry.")
    record Request(
            @Schema(
                    description = "When to run, ISO-8601 with an offset; in the future, at most 365 days ahead",
                    example = "2030-01-01T10:00:00.000Z")
            String timestamp,

            @Schema(minimum = "0") Long hours,
            @Schema(minimum = "0") Long minutes,
            @Schema(minimum = "0") Long seconds,

            @Schema(description = "The new payload, a JSON object of at most 64 KiB; null for none", nullable = true)
            Map<String, Object> payload,

            @Schema(description = "The new target; null for the deployment's default target", nullable = true)
            ScheduleTaskDocs.TargetRequest target,

            @Schema(
                    description = "The new retry policy, its parts left out taking the deployment's defaults (not the"
                            + " task's); null for the deployment's default policy",
                    nullable = true)
            ScheduleTaskDocs.RetryRequest retry) {}
}
