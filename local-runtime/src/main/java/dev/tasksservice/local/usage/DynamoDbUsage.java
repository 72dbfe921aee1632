package dev.tasksservice.local.usage;

import dev.tasksservice.schema.IndexSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts the DynamoDB requests of the local runtime and the capacity units they would consume on-demand: the table's
 * units as the server reports them (each request asks for them), and the index's write units by DynamoDB's rule for a
 * global secondary index: an item written that is in the index costs one index write when the index projects the
 * attributes changed, and an index key set costs two (the old entry deleted, the new one put) or one when removed. An
 * update whose index key it sets is counted as moving the item within the index (two), the common case here.
 */
public final class DynamoDbUsage implements ExecutionInterceptor {

    private final AwsUsage usage;
    private final List<IndexSchema> indexes;

    public DynamoDbUsage(AwsUsage usage, List<IndexSchema> indexes) {
        this.usage = usage;
        this.indexes = List.copyOf(indexes);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        return switch (request) {
            case PutItemRequest put
            when put.returnConsumedCapacity() == null ->
                put.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case UpdateItemRequest update
            when update.returnConsumedCapacity() == null ->
                update.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case DeleteItemRequest delete
            when delete.returnConsumedCapacity() == null ->
                delete.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case GetItemRequest get
            when get.returnConsumedCapacity() == null ->
                get.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case QueryRequest query
            when query.returnConsumedCapacity() == null ->
                query.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case ScanRequest scan
            when scan.returnConsumedCapacity() == null ->
                scan.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            case BatchGetItemRequest batch
            when batch.returnConsumedCapacity() == null ->
                batch.toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build();
            default -> request;
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        usage.add(AwsUsage.dynamoDbRequests(request.getClass().getSimpleName().replace("Request", "")), 1);
        switch (context.response()) {
            case PutItemResponse put -> {
                writes(put.consumedCapacity());
                usage.add(AwsUsage.DYNAMODB_INDEX_WRITE_UNITS, indexWrites((PutItemRequest) request));
            }
            case UpdateItemResponse update -> {
                writes(update.consumedCapacity());
                usage.add(
                        AwsUsage.DYNAMODB_INDEX_WRITE_UNITS,
                        indexWrites((UpdateItemRequest) request, update.attributes()));
            }
            case DeleteItemResponse delete -> {
                writes(delete.consumedCapacity());
                usage.add(AwsUsage.DYNAMODB_INDEX_WRITE_UNITS, indexes.size());
            }
            case GetItemResponse get -> reads(get.consumedCapacity());
            case QueryResponse query -> reads(query.consumedCapacity());
            case ScanResponse scan -> reads(scan.consumedCapacity());
            // The indexes hold keys only: the poller and the listings read the tasks by id, in batches.
            case BatchGetItemResponse batch -> batch.consumedCapacity().forEach(this::reads);
            default -> {}
        }
    }

    private void writes(ConsumedCapacity capacity) {
        usage.add(AwsUsage.DYNAMODB_WRITE_UNITS, units(capacity, 1));
    }

    private void reads(ConsumedCapacity capacity) {
        double units = capacity == null || capacity.capacityUnits() == null ? 1 : capacity.capacityUnits();
        usage.add(AwsUsage.DYNAMODB_READ_MILLIUNITS, Math.round(units * 1000));
    }

    private static long units(ConsumedCapacity capacity, long otherwise) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return otherwise;
        }
        return (long) Math.ceil(capacity.capacityUnits());
    }

    private long indexWrites(PutItemRequest put) {
        return indexes.stream().filter(index -> holds(index, put.item())).count();
    }

    private long indexWrites(UpdateItemRequest update, Map<String, AttributeValue> after) {
        UpdatedAttributes changed = UpdatedAttributes.of(update.updateExpression(), update.expressionAttributeNames());
        long writes = 0;
        for (IndexSchema index : indexes) {
            Set<String> keys =
                    Set.of(index.partitionKey().name(), index.sortKey().name());
            boolean keySet = keys.stream().anyMatch(changed.set()::contains);
            boolean keyRemoved = keys.stream().anyMatch(changed.removed()::contains);
            if (keyRemoved) {
                writes += 1;
            } else if (keySet && holds(index, after)) {
                writes += 2;
            } else if (holds(index, after) && index.projectsAllAttributes()) {
                writes += 1;
            }
        }
        return writes;
    }

    private static boolean holds(IndexSchema index, Map<String, AttributeValue> item) {
        return item != null
                && item.containsKey(index.partitionKey().name())
                && item.containsKey(index.sortKey().name());
    }
}
