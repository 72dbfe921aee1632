/** What the use cases need from the outside world, one capability per interface: the task store's parts, the dispatch queue, the workflow, the task action, a sleeper, the metrics. */
package dev.tasksservice.domain.port.out;
