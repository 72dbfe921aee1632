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
    private static final List<String> RESOURCE_FIELDS = List.of("QueueUrl", "StateMachineArn", "ExecutionArn");

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
        Optional<String> table = request.getValueForField("TableName", String.class);
        if (table.isPresent()) {
            resources.add(table.get()
                    + request.getValueForField("IndexName", String.class)
                            .map(index -> "/index/" + index)
                            .orElse(""));
        }
        for (String field : RESOURCE_FIELDS) {
            request.getValueForField(field, String.class).ifPresent(resources::add);
        }
        // BatchGetItem, BatchWriteItem: one entry per table.
        request.getValueForField("RequestItems", Map.class)
                .ifPresent(items -> items.keySet().forEach(name -> resources.add(name.toString())));
        // TransactGetItems, TransactWriteItems: each item holds a Get, Put, Update, Delete or ConditionCheck.
        request.getValueForField("TransactItems", List.class)
                .ifPresent(items -> items.forEach(item -> resources.addAll(transactTables(item))));
        List<String> distinct = resources.stream().distinct().toList();
        return distinct.isEmpty() ? List.of(AwsCall.ANY_RESOURCE) : distinct;
    }

    private static List<String> transactTables(Object item) {
        if (!(item instanceof SdkPojo pojo)) {
            return List.of();
        }
        List<String> tables = new ArrayList<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.getValueOrDefault(pojo) instanceof SdkPojo action) {
                SdkField<?> tableName = action.sdkFieldNameToField().get("TableName");
                if (tableName != null && tableName.getValueOrDefault(action) instanceof String name) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }
}
