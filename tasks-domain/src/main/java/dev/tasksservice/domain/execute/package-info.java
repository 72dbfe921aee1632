/** Step 4: the workflow calls the executor once per attempt: claim the attempt, run the task's action no earlier than its time, record COMPLETED, or FAILED once the attempts are used up. */
package dev.tasksservice.domain.execute;
