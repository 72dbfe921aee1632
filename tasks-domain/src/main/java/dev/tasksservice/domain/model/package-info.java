/** The task, its status rules and the values and errors of the domain; depends on nothing else. */
package dev.tasksservice.domain.model;
