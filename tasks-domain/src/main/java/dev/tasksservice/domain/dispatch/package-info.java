/** Step 2: the poller hands every task whose pick-up second has come to the dispatch queue, a page at a time. */
package dev.tasksservice.domain.dispatch;
