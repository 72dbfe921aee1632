/** Step 3: the queue's consumer starts the task's workflow, which waits until the task is due, and marks the task IN_PROGRESS. */
package dev.tasksservice.domain.start;
