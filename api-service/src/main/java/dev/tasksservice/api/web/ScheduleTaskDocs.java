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
                                    value =
                                            "{\"timestamp\":\"2030-01-01T10:00:00.000Z\",\"payload\":{\"orderId\":42}}"),
                            @ExampleObject(
                                    name = "http target",
                                    value =
                                            "{\"minutes\":10,\"payload\":{\"orderId\":42},\"target\":{\"type\":\"http\","
                                                    + "\"url\":\"https://hooks.example.com/tasks\",\"method\":\"POST\","
                                                    + "\"headers\":{\"Authorization\":\"Bearer s3cret\"},\"timeoutMs\":5000},"
                                                    + "\"retry\":{\"maxAttempts\":5,\"initialBackoffMs\":1000,"
                                                    + "\"maxBackoffMs\":60000}}"),
                            @ExampleObject(
                                    name = "sqs target",
                                    value = "{\"minutes\":10,\"target\":{\"type\":\"sqs\",\"queueUrl\":"
                                            + "\"https://sqs.eu-west-1.amazonaws.com/123456789012/jobs\"}}")
                        }))
@interface ScheduleTaskDocs {

    @Schema(
            name = "ScheduleTaskRequest",
            description = "Give either timestamp, or any of hours/minutes/seconds (whole, non-negative, total > 0).")
    record Request(
            @Schema(
                    description = "When to run, ISO-8601 with an offset; in the future, at most 365 days ahead",
                    example = "2030-01-01T10:00:00.000Z")
            String timestamp,

            @Schema(minimum = "0") Long hours,
            @Schema(minimum = "0") Long minutes,
            @Schema(minimum = "0") Long seconds,

            @Schema(description = "A JSON object handed to the task when it runs, at most 64 KiB")
            Map<String, Object> payload,

            @Schema(description = "Where to deliver the task; left out for the deployment's default target")
            TargetRequest target,

            @Schema(description = "How often to try; left out for the deployment's default policy")
            RetryRequest retry) {}

    @Schema(
            description = "Where a task is delivered when it falls due. type http: url (required), method, headers,"
                    + " timeoutMs; the payload is the JSON body, signed as Standard Webhooks says. type sqs: queueUrl"
                    + " (required); the payload is the message body. Any other member is refused.")
    record TargetRequest(
            @Schema(
                    allowableValues = {"http", "sqs"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String type,

            @Schema(
                    description = "http: an http or https URL, without user info or fragment, at most 2048"
                            + " characters. A host that resolves to an internal address (loopback, private, link-local,"
                            + " metadata) is refused unless the deployment allows it (TASKS_TARGET_ALLOW).",
                    example = "https://hooks.example.com/tasks")
            String url,

            @Schema(
                    description = "http: the request method",
                    allowableValues = {"POST", "PUT", "PATCH"},
                    defaultValue = "POST")
            String method,

            @Schema(
                    description =
                            "http: extra request headers, name to string value; at most 20, values up to 1024"
                                    + " characters, none the delivery sets itself (Host, Content-Type, Content-Length, webhook-*"
                                    + " and the like). Reading the task shows every value as ***: headers may hold credentials.")
            Map<String, String> headers,

            @Schema(
                    description = "http: how long one request may take, connection included",
                    minimum = "100",
                    maximum = "60000",
                    defaultValue = "10000")
            Long timeoutMs,

            @Schema(
                    description = "sqs: the queue URL; it must start with one of the prefixes the deployment allows"
                            + " (TASKS_TARGET_QUEUES)",
                    example = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs")
            String queueUrl) {}

    @Schema(
            description =
                    "Exponential backoff with full jitter: each pause is drawn between 0 and a ceiling that starts"
                            + " at initialBackoffMs and doubles after each failed attempt, up to maxBackoffMs. A part left out"
                            + " takes the deployment's default (TASKS_RETRY_MAX_ATTEMPTS, TASKS_RETRY_INITIAL_BACKOFF_MS,"
                            + " TASKS_RETRY_MAX_BACKOFF_MS); the ceilings are TASKS_RETRY_ATTEMPTS_CEILING (20 at most) and"
                            + " TASKS_RETRY_BACKOFF_CEILING_MS.")
    record RetryRequest(
            @Schema(description = "Attempts in all, the first included", minimum = "1", maximum = "20")
            Integer maxAttempts,

            @Schema(description = "The ceiling of the first pause, in milliseconds", minimum = "100")
            Long initialBackoffMs,

            @Schema(
                    description = "The highest ceiling a pause may reach, in milliseconds; at least initialBackoffMs",
                    minimum = "100")
            Long maxBackoffMs) {}
}
