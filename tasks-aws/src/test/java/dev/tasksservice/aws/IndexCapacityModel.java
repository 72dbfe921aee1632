package dev.tasksservice.aws;

import dev.tasksservice.domain.model.TaskStatus;
import dev.tasksservice.domain.model.TenantId;
import dev.tasksservice.schema.TasksTableSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic model of what one second of steady load costs each index partition, in DynamoDB's units: every
 * second {@code rate} tasks are created, {@code rate} are dispatched (SCHEDULED to IN_PROGRESS), claimed and
 * completed, and {@code rate} expire, each a different task, of {@code tenants} tenants in turn.
 * Index writes are counted as DynamoDB bills them: a new entry is one write, a removed one is one write, an entry
 * whose key changes is two (removed, then added), an entry whose projected attributes change is one, each write of an
 * entry of up to 1 KB is one write unit (an ALL projection writes the whole item). Reads: the poller reads a page of
 * {@value #PAGE} due tasks at a time; a query costs half a read unit per 4 KB read (eventually consistent), at least
 * half a unit; a task read by id costs half a unit per 4 KB. The keys are the store's own ({@link TaskItem}), so the
 * spread over shards is the real hash's.
 */
final class IndexCapacityModel {

    /** DynamoDB's limits on one partition, per second. */
    static final double PARTITION_WRITE_UNITS = 1000;

    static final double PARTITION_READ_UNITS = 3000;

    /** The poller's page. */
    static final int PAGE = 100;

    /** A keys-only index entry: partition and sort key and the table key, with DynamoDB's overhead. */
    static final int KEY_ENTRY_BYTES = 100;

    /** The two designs. */
    enum Design {
        /** One index on taskStatus with every attribute: a partition per status. */
        STATUS_INDEX,
        /** The sparse, sharded, keys-only due index and tenant index. */
        SHARDED_INDEXES
    }

    /** What one second costs: write and read units per partition (index name and partition key value). */
    record Load(Map<String, Double> writes, Map<String, Double> reads, double tableReads) {

        double hottestWrites() {
            return writes.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
        }

        double hottestReads() {
            return reads.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
        }

        String hottestWritePartition() {
            return writes.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse("-");
        }

        boolean withinLimits() {
            return hottestWrites() <= PARTITION_WRITE_UNITS && hottestReads() <= PARTITION_READ_UNITS;
        }
    }

    private final int itemBytes;

    /** @param itemBytes the size of one task item (the ALL projection copies it) */
    IndexCapacityModel(int itemBytes) {
        this.itemBytes = itemBytes;
    }

    Load second(Design design, int rate, int tenants) {
        Random ids = new Random(42);
        Map<String, Double> writes = new HashMap<>();
        Map<String, Double> reads = new HashMap<>();
        double itemWrite = Math.ceil(itemBytes / 1024.0);
        for (int i = 0; i < rate; i++) {
            TenantId tenant = new TenantId("tenant-" + (i % tenants));
            UUID created = new UUID(ids.nextLong(), ids.nextLong());
            UUID dispatched = new UUID(ids.nextLong(), ids.nextLong());
            UUID completed = new UUID(ids.nextLong(), ids.nextLong());
            UUID expired = new UUID(ids.nextLong(), ids.nextLong());
            switch (design) {
                case STATUS_INDEX -> {
                    add(writes, status(TaskStatus.SCHEDULED), itemWrite); // created
                    add(writes, status(TaskStatus.SCHEDULED), itemWrite); // dispatched: out of SCHEDULED
                    add(writes, status(TaskStatus.IN_PROGRESS), itemWrite); // ... into IN_PROGRESS
                    add(writes, status(TaskStatus.IN_PROGRESS), itemWrite); // claimed: attempts change
                    add(writes, status(TaskStatus.IN_PROGRESS), itemWrite); // completed: out of IN_PROGRESS
                    add(writes, status(TaskStatus.COMPLETED), itemWrite); // ... into COMPLETED
                    add(writes, status(TaskStatus.COMPLETED), itemWrite); // expired
                }
                case SHARDED_INDEXES -> {
                    add(writes, due(TaskStatus.SCHEDULED, created), 1);
                    add(writes, tenant(tenant, created), 1);
                    add(writes, due(TaskStatus.SCHEDULED, dispatched), 1);
                    add(writes, due(TaskStatus.IN_PROGRESS, dispatched), 1);
                    add(writes, tenant(tenant, dispatched), 2);
                    // Claimed: no key changes, and a keys-only index holds nothing else.
                    add(writes, due(TaskStatus.IN_PROGRESS, completed), 1);
                    add(writes, tenant(tenant, completed), 2);
                    add(writes, tenant(tenant, expired), 1);
                }
            }
        }
        double pages = Math.ceil(rate / (double) PAGE);
        double tableReads;
        switch (design) {
            case STATUS_INDEX -> {
                // The poller reads whole items from the one SCHEDULED partition.
                add(reads, status(TaskStatus.SCHEDULED), pages * queryUnits(PAGE * itemBytes));
                tableReads = 0;
            }
            case SHARDED_INDEXES -> {
                // Each page queries every shard: its share of the page and a little more, and once more when the
                // merge drains it (counted for every shard, as an upper bound).
                int perQuery = (2 * (PAGE + 1)) / TasksTableSchema.DUE_SHARDS + 2;
                for (int shard = 0; shard < TasksTableSchema.DUE_SHARDS; shard++) {
                    add(
                            reads,
                            "dueIndex " + TaskItem.dueShard(TaskStatus.SCHEDULED, shard),
                            pages * 2 * queryUnits(perQuery * KEY_ENTRY_BYTES));
                }
                // Then the tasks by id (BatchGetItem), spread over the table by id.
                tableReads = rate * 0.5 * Math.ceil(itemBytes / 4096.0);
            }
            default -> throw new IllegalStateException();
        }
        return new Load(writes, reads, tableReads);
    }

    /** The highest rate (to {@code step}) at which every partition stays within DynamoDB's limits. */
    int highestRate(Design design, int tenants, int step, int ceiling) {
        int low = 0;
        int high = ceiling / step;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (second(design, mid * step, tenants).withinLimits()) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low * step;
    }

    private static double queryUnits(int bytes) {
        return Math.max(0.5, 0.5 * Math.ceil(bytes / 4096.0));
    }

    private static String status(TaskStatus status) {
        return "statusStartExecAtIndex " + status.name();
    }

    private static String due(TaskStatus status, UUID id) {
        return "dueIndex " + TaskItem.dueShard(status, id);
    }

    private static String tenant(TenantId tenant, UUID id) {
        return "tenantStatusIndex " + TaskItem.tenantShard(tenant, id);
    }

    private static void add(Map<String, Double> units, String partition, double amount) {
        units.merge(partition, amount, Double::sum);
    }
}
