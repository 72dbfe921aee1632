/**
 * Runs a Lambda function as deployed and records the AWS API calls it makes, to compare with its IAM policy.
 *
 * <pre>{@code
 * try (LambdaProcess function = LambdaProcess.start(jar, handler, templateEnvironment,
 *         Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynalite.toString()), "taskExecutor")) {
 *     Invocation invocation = function.invoke(eventJson);
 *     List<AwsCall> calls = function.calls(); // e.g. AwsCall[DynamoDb, UpdateItem, tasksTable-dev]
 * }
 * }</pre>
 *
 * <p>The parent side ({@link dev.tasksservice.infra.asdeployed.LambdaProcess}) runs in the test JVM; the child side
 * ({@link dev.tasksservice.infra.asdeployed.LambdaRuntimeEmulator}, {@link
 * dev.tasksservice.infra.asdeployed.AwsCallRecorder}) runs in the function's JVM, where only the JDK and the
 * function's jar are on the class path besides these classes.
 */
package dev.tasksservice.infra.asdeployed;
