package dev.tasksservice.client;

import java.util.List;

/**
 * One page of a listing, in the order the tasks become due.
 *
 * @param nextCursor what to pass to get the next page; null on the last page
 */
public record TaskPage(List<Task> items, String nextCursor) {

    public TaskPage {
        items = List.copyOf(items);
    }

    /** True when there is a page after this one. */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
