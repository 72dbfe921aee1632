package dev.tasksservice.aws;

import dev.tasksservice.schema.IndexSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Pages through a range of the sort key across the shards of a write-sharded index, as if it were one partition: the
 * shards are queried in parallel and their entries merged by sort key, then by shard number. The shards are read
 * lazily: each first gives a few entries (its share of a page and a little more), and only a shard whose entries
 * were all taken is read again before the merge goes on, so a page reads little more than it returns. A page ends at
 * an entry, and the next one resumes strictly after it in the merged order: in a shard before the entry's, after its
 * sort key; in a shard after it, from its sort key; in its own shard, after the entry itself. So a walk never skips
 * nor repeats an entry, whatever changes meanwhile, and the position fits a short cursor. The position also names the
 * shards a walk has read to the end, which its next pages do not read again: a task that enters such a shard behind
 * the walk's position is found by the next walk (the next poll), as it would be in a shard the walk had passed.
 */
final class ShardedIndex {

    /** The most entries one query asks for. */
    private static final int MAX_READ = 1000;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final IndexSchema index;

    ShardedIndex(DynamoDbClient dynamoDb, String tableName, IndexSchema index) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.index = index;
    }

    /**
     * The first {@code limit} entries after {@code after} (null: from the start) whose sort key lies in
     * {@code [low, high]}, across the shards whose partition keys are {@code partitions} (shard n at index n).
     */
    Page page(List<String> partitions, long low, long high, Position after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<Shard> shards = new ArrayList<>();
        BitSet done = after == null ? new BitSet() : (BitSet) after.done().clone();
        for (int number = 0; number < partitions.size(); number++) {
            Shard shard = new Shard(number, partitions.get(number), low, high, after);
            if (shard.more && !done.get(number)) {
                shards.add(shard);
            } else {
                done.set(number);
            }
        }
        int wanted = limit + 1; // one more than the page: whether another page follows
        fetch(shards, Math.min(wanted, wanted * 2 / Math.max(1, shards.size()) + 2));
        List<Entry> merged = new ArrayList<>();
        Comparator<Shard> byHead = Comparator.comparingLong(
                        (Shard shard) -> shard.buffer.peekFirst().sort())
                .thenComparingInt(Shard::number);
        while (merged.size() < wanted) {
            List<Shard> drained = shards.stream()
                    .filter(shard -> shard.buffer.isEmpty() && shard.more)
                    .toList();
            if (!drained.isEmpty()) {
                fetch(drained, wanted - merged.size());
                continue;
            }
            Shard first = shards.stream()
                    .filter(shard -> !shard.buffer.isEmpty())
                    .min(byHead)
                    .orElse(null);
            if (first == null) {
                break;
            }
            merged.add(first.buffer.pollFirst());
        }
        if (merged.size() <= limit) {
            return new Page(merged, null);
        }
        List<Entry> entries = merged.subList(0, limit);
        Entry last = entries.get(limit - 1);
        // A shard is read to the end when nothing of it is left unread, nor merged beyond the page.
        for (Shard shard : shards) {
            if (shard.buffer.isEmpty() && !shard.more && merged.get(limit).shard() != shard.number) {
                done.set(shard.number);
            }
        }
        return new Page(List.copyOf(entries), new Position(last.sort(), last.shard(), last.id(), done));
    }

    /** Reads the next entries of each shard, in parallel when there are several. */
    private void fetch(List<Shard> shards, int limit) {
        int each = Math.max(1, Math.min(MAX_READ, limit));
        if (shards.size() == 1) {
            shards.getFirst().fetch(each);
            return;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> reads = new ArrayList<>();
            for (Shard shard : shards) {
                reads.add(threads.submit(() -> shard.fetch(each)));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + index.name(), e);
        }
    }

    /** One shard's entries read so far and not yet merged, and where its next read begins. */
    private final class Shard {
        private final int number;
        private final String partition;
        private final long low;
        private final long high;
        private final Deque<Entry> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> startKey;
        private boolean more;

        Shard(int number, String partition, long low, long high, Position after) {
            this.number = number;
            this.partition = partition;
            this.high = high;
            if (after == null) {
                this.low = low;
            } else if (number < after.shard()) {
                this.low = Math.max(low, after.sort() + 1);
            } else {
                this.low = Math.max(low, after.sort());
                if (number == after.shard()) {
                    startKey = key(after.sort(), after.id());
                }
            }
            this.more = this.low <= high;
        }

        int number() {
            return number;
        }

        void fetch(int limit) {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(index.name())
                    .keyConditionExpression("#shard = :shard AND #sort BETWEEN :low AND :high")
                    .expressionAttributeNames(Map.of(
                            "#shard",
                            index.partitionKey().name(),
                            "#sort",
                            index.sortKey().name()))
                    .expressionAttributeValues(
                            Map.of(":shard", TaskItem.s(partition), ":low", TaskItem.n(low), ":high", TaskItem.n(high)))
                    .limit(limit);
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = dynamoDb.query(query.build());
            for (Map<String, AttributeValue> item : response.items()) {
                buffer.addLast(new Entry(
                        number,
                        Long.parseLong(item.get(index.sortKey().name()).n()),
                        UUID.fromString(item.get(TaskItem.ID).s())));
            }
            more = response.hasLastEvaluatedKey()
                    && !response.lastEvaluatedKey().isEmpty();
            startKey = more ? response.lastEvaluatedKey() : null;
        }

        private Map<String, AttributeValue> key(long sort, UUID id) {
            Map<String, AttributeValue> key = new HashMap<>();
            key.put(index.partitionKey().name(), TaskItem.s(partition));
            key.put(index.sortKey().name(), TaskItem.n(sort));
            key.put(TaskItem.ID, TaskItem.s(id.toString()));
            return key;
        }
    }

    /** An index entry: the task {@code id} at sort key {@code sort} in shard {@code shard}. */
    record Entry(int shard, long sort, UUID id) {}

    /**
     * Where a walk stands: just after this entry in the merged order.
     *
     * @param done the shards the walk has read to the end
     */
    record Position(long sort, int shard, UUID id, BitSet done) {}

    /**
     * @param entries in merged order
     * @param next where the next page begins; null when no entry follows
     */
    record Page(List<Entry> entries, Position next) {}
}
