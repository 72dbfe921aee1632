package dev.tasksservice.infra.asdeployed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS API call made in the function's JVM. The SDK adds it to every client it builds because the
 * emulator's class path names it in {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * ({@code ClasspathInterceptorChainFactory.getGlobalInterceptors}), so the function's code is not changed at all.
 */
public class AwsCallRecorder implements ExecutionInterceptor {

    /** Besides DynamoDB's tables, the request fields that name what a call acts on in the services used here. */
    private static final List<String> RESOURCE_FIELDS =
            List.of("QueueUrl", "StateMachineArn", "ExecutionArn", "SecretId");

    private static final List<AwsCall> CALLS = new CopyOnWriteArrayList<>();

    /** The calls recorded so far, oldest first. */
    public static List<AwsCall> calls() {
        return List.copyOf(CALLS);
    }

    public static void clear() {
        CALLS.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (String resource : resources(context.request())) {
            CALLS.add(new AwsCall(service, operation, resource));
        }
    }

    /** The resources a request names; {@code *} alone when it names none. */
    static List<String> resources(SdkRequest request) {
        List<String> resources = new ArrayList<>();
        field(request, "TableName")
                .ifPresent(table -> resources.add(table
                        + field(request, "IndexName")
                                .map(index -> "/index/" + index)
                                .orElse("")));
        for (String name : RESOURCE_FIELDS) {
            field(request, name).ifPresent(value -> resources.add(value.toString()));
        }
        // BatchGetItem, BatchWriteItem: one entry per table.
        field(request, "RequestItems")
                .filter(Map.class::isInstance)
                .ifPresent(items -> ((Map<?, ?>) items).keySet().forEach(table -> resources.add(table.toString())));
        // TransactGetItems, TransactWriteItems: each item holds a Get, Put, Update, Delete or ConditionCheck.
        field(request, "TransactItems")
                .filter(List.class::isInstance)
                .ifPresent(items -> ((List<?>) items).forEach(item -> resources.addAll(transactTables(item))));
        List<String> distinct = resources.stream().distinct().toList();
        return distinct.isEmpty() ? List.of(AwsCall.ANY_RESOURCE) : distinct;
    }

    private static List<String> transactTables(Object item) {
        List<String> tables = new ArrayList<>();
        if (item instanceof SdkPojo pojo) {
            for (SdkField<?> action : pojo.sdkFields()) {
                if (action.getValueOrDefault(pojo) instanceof SdkPojo request) {
                    field(request, "TableName").ifPresent(table -> tables.add(table.toString()));
                }
            }
        }
        return tables;
    }

    /**
     * A field of a request by its name in the API, whatever its case: the SDK keeps each service's own spelling
     * ({@code TableName} in DynamoDB and {@code QueueUrl} in SQS, but {@code stateMachineArn} in Step Functions), which
     * {@link SdkRequest#getValueForField} wants exactly.
     */
    private static Optional<Object> field(SdkPojo pojo, String name) {
        return pojo.sdkFields().stream()
                .filter(field -> field.memberName().equalsIgnoreCase(name))
                .findFirst()
                .map(field -> field.getValueOrDefault(pojo));
    }
}
