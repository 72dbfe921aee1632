package dev.tasksservice.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. */
record TaskListResponse(
        List<TaskResponse> items,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
