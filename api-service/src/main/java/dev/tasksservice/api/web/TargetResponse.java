package dev.tasksservice.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tasksservice.domain.model.HttpTarget;
import dev.tasksservice.domain.model.QueueTarget;
import dev.tasksservice.domain.model.Target;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's target as clients see it. The values of an HTTP target's headers are shown as {@value #REDACTED}: they may
 * hold credentials (an Authorization header), and anyone who may read the task would otherwise read them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Target",
        description = "Where the task is delivered: type http (url, method, headers, timeoutMs) or sqs (queueUrl)")
record TargetResponse(
        @Schema(allowableValues = {"http", "sqs"}) String type,
        String url,
        String method,

        @Schema(
                description = "The header names, each value shown as ***: headers may hold credentials, so reading a"
                        + " task never shows them")
        Map<String, String> headers,

        Long timeoutMs,
        String queueUrl) {

    static final String REDACTED = "***";

    static TargetResponse of(Target target) {
        return switch (target) {
            case HttpTarget http ->
                new TargetResponse(
                        http.type(),
                        http.url().toString(),
                        http.method(),
                        redacted(http.headers()),
                        http.timeout().toMillis(),
                        null);
            case QueueTarget queue -> new TargetResponse(queue.type(), null, null, null, null, queue.queueUrl());
        };
    }

    private static Map<String, String> redacted(Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.keySet().forEach(name -> shown.put(name, REDACTED));
        return shown;
    }
}
