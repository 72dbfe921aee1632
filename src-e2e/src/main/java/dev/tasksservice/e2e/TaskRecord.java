package dev.tasksservice.e2e;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A task as the API answers it, with typed access to the fields the checks judge. */
record TaskRecord(JsonNode json) {

    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";

    /** Statuses a task never leaves. */
    private static final Set<String> FINAL = Set.of(COMPLETED, FAILED, CANCELLED);

    String id() {
        return text("id").orElseThrow(() -> new IllegalStateException("task without id: " + json));
    }

    String status() {
        return text("status").orElse("?");
    }

    Instant timestamp() {
        return text("timestamp")
                .map(Instant::parse)
                .orElseThrow(() -> new IllegalStateException("task without timestamp: " + json));
    }

    /** The epoch second that places the task in a listing (the API orders listings by it); empty if not given. */
    OptionalLong startExecutionAt() {
        JsonNode value = json.get("startExecutionAt");
        return value == null || !value.isIntegralNumber() ? OptionalLong.empty() : OptionalLong.of(value.asLong());
    }

    Optional<Instant> executedAt() {
        return text("executedAt").map(Instant::parse);
    }

    Optional<String> error() {
        return text("error");
    }

    boolean isCompleted() {
        return COMPLETED.equals(status());
    }

    boolean isFailed() {
        return FAILED.equals(status());
    }

    boolean isFinal() {
        return FINAL.contains(status());
    }

    @Override
    public String toString() {
        return json.toString();
    }

    private Optional<String> text(String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
