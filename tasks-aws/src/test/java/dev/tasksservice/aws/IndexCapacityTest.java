package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.aws.IndexCapacityModel.Design;
import dev.tasksservice.aws.IndexCapacityModel.Load;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The scaling argument of the README ("A due index that scales"), computed: the old status index cannot hold 10,000
 * due tasks a second within DynamoDB's per-partition limits, the sharded indexes can, poller included.
 */
class IndexCapacityTest {

    private static final int TARGET = 10_000;

    /** A task with a payload and a target: about 1 KB. */
    private final IndexCapacityModel model = new IndexCapacityModel(1024);

    @Test
    void theShardedIndexesHoldTenThousandTasksASecondWithinEveryPartitionsLimits() {
        Load load = model.second(Design.SHARDED_INDEXES, TARGET);

        assertThat(load.hottestWrites()).isLessThanOrEqualTo(IndexCapacityModel.PARTITION_WRITE_UNITS);
        assertThat(load.hottestReads()).isLessThanOrEqualTo(IndexCapacityModel.PARTITION_READ_UNITS);
        assertThat(load.withinLimits()).isTrue();
    }

    @Test
    void theStatusIndexDoesNotAndHoldsAFractionOfIt() {
        Load load = model.second(Design.STATUS_INDEX, TARGET);

        assertThat(load.withinLimits()).isFalse();
        assertThat(load.hottestWritePartition()).isEqualTo("statusStartExecAtIndex IN_PROGRESS");
        assertThat(load.hottestWrites()).isEqualTo(3.0 * TARGET);
        assertThat(model.highestRate(Design.STATUS_INDEX, 10, 100_000)).isEqualTo(330);
    }

    @Test
    void theShardedIndexesHoldMoreThanTheTargetWithHeadroom() {
        int sharded = model.highestRate(Design.SHARDED_INDEXES, 100, 100_000);

        // 2 writes a task over 32 due shards: 16,000 a second if the hash spread them perfectly.
        assertThat(sharded).isGreaterThanOrEqualTo(12 * TARGET / 10).isLessThanOrEqualTo(16_000);
        System.out.println(table(sharded));
    }

    /** The figures the README quotes. */
    private String table(int shardedCeiling) {
        StringBuilder table = new StringBuilder(
                "| design | fire rate /s | hottest index partition: writes /s | its reads /s | table reads /s (by id) |\n"
                        + "|---|---|---|---|---|\n");
        for (Design design : Design.values()) {
            for (int rate : new int[] {300, 1_000, TARGET}) {
                Load load = model.second(design, rate);
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,.0f (%s) | %,.0f | %,.0f |%n",
                        design,
                        rate,
                        load.hottestWrites(),
                        load.hottestWritePartition(),
                        load.hottestReads(),
                        load.tableReads()));
            }
        }
        table.append(String.format(
                Locale.ROOT,
                "highest rate within the limits: status index %,d/s, sharded indexes %,d/s%n",
                model.highestRate(Design.STATUS_INDEX, 10, 100_000),
                shardedCeiling));
        return table.toString();
    }
}
