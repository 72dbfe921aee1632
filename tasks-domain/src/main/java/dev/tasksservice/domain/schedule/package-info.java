/** Step 1: a client schedules a task (and may cancel it before it runs): validated, stored SCHEDULED, and handed to the queue at once when due within the lookahead. */
package dev.tasksservice.domain.schedule;
