/** Reads: a client finds one task or lists the tasks in a status. */
package dev.tasksservice.domain.read;
