/** Step 5, the safety net: tasks left IN_PROGRESS past their time whose workflow ended are started again or marked FAILED. */
package dev.tasksservice.domain.recover;
