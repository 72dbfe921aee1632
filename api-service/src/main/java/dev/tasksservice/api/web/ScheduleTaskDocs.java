package dev.tasksservice.api.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** The OpenAPI description of {@code POST /tasks}, whose body the controller reads as a JSON tree. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@io.swagger.v3.oas.annotations.parameters.RequestBody(
        required = true,
        content =
                @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = ScheduleTaskDocs.Request.class),
                        examples = {
                            @ExampleObject(name = "relative", value = "{\"hours\":0,\"minutes\":1,\"seconds\":5}"),
                            @ExampleObject(
                                    name = "absolute",
                                    value = "{\"timestamp\":\"2030-01-01T10:00:00.000Z\",\"payload\":{\"orderId\":42}}")
                        }))
@interface ScheduleTaskDocs {

    @Schema(description = "Give either timestamp, or any of hours/minutes/seconds (whole, non-negative, total > 0).")
    record Request(
            @Schema(
                    description = "When to run, ISO-8601 with an offset; in the future, at most 365 days ahead",
                    example = "2030-01-01T10:00:00.000Z")
            String timestamp,

            @Schema(minimum = "0") Long hours,
            @Schema(minimum = "0") Long minutes,
            @Schema(minimum = "0") Long seconds,

            @Schema(description = "A JSON object handed to the task when it runs, at most 64 KiB")
            Map<String, Object> payload) {}
}
