package dev.tasksservice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.DynaliteServer;
import dev.tasksservice.aws.ElasticMqServer;
import dev.tasksservice.aws.TaskQueue;
import dev.tasksservice.aws.TaskTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the runtime creates locally (the table in dynalite, the queue in ElasticMQ) is what the stack deploys: the same
 * keys, indexes, visibility timeout and redrive, read back from the servers and from the synthesized template.
 */
class SchemaDefinedOnceIT {

    private final Map<String, Object> table =
            SynthesizedStack.properties(SynthesizedStack.resources(SynthesizedStack.template(), "AWS::DynamoDB::Table")
                    .values()
                    .iterator()
                    .next());
    private final Map<String, Object> queue =
            SynthesizedStack.properties(SynthesizedStack.resources(SynthesizedStack.template(), "AWS::SQS::Queue")
                    .get(SynthesizedStack.logicalIdWhere(
                            SynthesizedStack.template(), "AWS::SQS::Queue", "QueueName", "tasksQueue-dev")));

    @Test
    void theTableTheRuntimeCreatesHasTheDeployedKeysAndIndexes() {
        TaskTable local =
                TaskTable.forStage("schema-" + UUID.randomUUID().toString().substring(0, 8));
        local.createIfMissing(DynaliteServer.shared().client());
        TableDescription created = DynaliteServer.shared()
                .client()
                .describeTable(request -> request.tableName(local.name()))
                .table();

        assertThat(created.attributeDefinitions().stream()
                        .map(attribute -> attribute.attributeName() + ":" + attribute.attributeTypeAsString())
                        .collect(Collectors.toSet()))
                .isEqualTo(deployed("AttributeDefinitions", "AttributeName", "AttributeType"));
        assertThat(created.keySchema().stream()
                        .map(key -> key.attributeName() + ":" + key.keyTypeAsString())
                        .collect(Collectors.toSet()))
                .isEqualTo(deployed("KeySchema", "AttributeName", "KeyType"));
        assertThat(created.globalSecondaryIndexes().stream()
                        .map(index -> index.indexName() + " "
                                + index.keySchema().stream()
                                        .map(key -> key.attributeName() + ":" + key.keyTypeAsString())
                                        .toList()
                                + " " + index.projection().projectionTypeAsString())
                        .collect(Collectors.toSet()))
                .isEqualTo(deployedIndexes());
    }

    @Test
    void theQueueTheRuntimeCreatesHasTheDeployedVisibilityAndRedrive() {
        SqsClient sqs = ElasticMqServer.shared().client();
        String url = TaskQueue.forStage("schema-" + UUID.randomUUID().toString().substring(0, 8))
                .createIfMissing(sqs);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        request -> request.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes();

        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(queue.get("VisibilityTimeout").toString());
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains("\"maxReceiveCount\":" + ((Map<?, ?>) queue.get("RedrivePolicy")).get("maxReceiveCount"));
    }

    private Set<String> deployed(String property, String name, String type) {
        return ((List<?>) table.get(property))
                .stream()
                        .map(element -> ((Map<?, ?>) element).get(name) + ":" + ((Map<?, ?>) element).get(type))
                        .collect(Collectors.toSet());
    }

    private Set<String> deployedIndexes() {
        return ((List<?>) table.get("GlobalSecondaryIndexes"))
                .stream()
                        .map(element -> {
                            Map<?, ?> index = (Map<?, ?>) element;
                            List<String> keys = ((List<?>) index.get("KeySchema"))
                                    .stream()
                                            .map(key -> ((Map<?, ?>) key).get("AttributeName") + ":"
                                                    + ((Map<?, ?>) key).get("KeyType"))
                                            .toList();
                            return index.get("IndexName") + " " + keys + " "
                                    + ((Map<?, ?>) index.get("Projection")).get("ProjectionType");
                        })
                        .collect(Collectors.toSet());
    }
}
