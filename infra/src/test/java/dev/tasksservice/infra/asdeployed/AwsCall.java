package dev.tasksservice.infra.asdeployed;

/**
 * One AWS API call a function made, as the AWS SDK names it.
 *
 * @param service the SDK's service id, such as {@code DynamoDb}, {@code Sqs} or {@code Sfn}
 * @param operation the API operation, such as {@code UpdateItem} or {@code StartExecution}
 * @param resource what the request names: a table ({@code tasksTable-dev}, or {@code tasksTable-dev/index/byDue} for
 *     an index), a queue URL, a state machine or execution ARN; {@code *} when the request names none. A DynamoDB
 *     batch or transaction that names several tables is recorded as one call per table.
 */
public record AwsCall(String service, String operation, String resource) {

    /** The resource of a request that names none, as an IAM policy writes it. */
    public static final String ANY_RESOURCE = "*";
}
