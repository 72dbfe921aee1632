/**
 * Delivers a due task to its target: an HTTP endpoint, as a webhook signed as the Standard Webhooks specification
 * says, or an SQS queue, as one message. The domain's {@code TaskAction} of every runtime is {@link
 * dev.tasksservice.delivery.TargetDelivery}.
 */
package dev.tasksservice.delivery;
