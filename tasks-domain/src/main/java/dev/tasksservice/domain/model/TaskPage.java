package dev.tasksservice.domain.model;

import java.util.List;

/** One page of tasks; {@code nextCursor} is null on the last page. */
public record TaskPage(List<Task> items, String nextCursor) {

    public TaskPage {
        items = List.copyOf(items);
    }
}
