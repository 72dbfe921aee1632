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

    /** The target's tasks come from this many tenants (one tenant's own ceiling is checked on its own). */
    private static final int TENANTS = 4;

    /** A task with a payload and a target: about 1 KB. */
    private final IndexCapacityModel model = new IndexCapacityModel(1024);

    @Test
    void theShardedIndexesHoldTenThousandTasksASecondWithinEveryPartitionsLimits() {
        Load load = model.second(Design.SHARDED_INDEXES, TARGET, TENANTS);

        assertThat(load.hottestWrites()).isLessThanOrEqualTo(IndexCapacityModel.PARTITION_WRITE_UNITS);
        assertThat(load.hottestReads()).isLessThanOrEqualTo(IndexCapacityModel.PARTITION_READ_UNITS);
        assertThat(load.withinLimits()).isTrue();
    }

    @Test
    void theStatusIndexDoesNotAndHoldsAFractionOfIt() {
        Load load = model.second(Design.STATUS_INDEX, TARGET, TENANTS);

        assertThat(load.withinLimits()).isFalse();
        assertThat(load.hottestWritePartition()).isEqualTo("statusStartExecAtIndex IN_PROGRESS");
        assertThat(load.hottestWrites()).isEqualTo(3.0 * TARGET);
        assertThat(model.highestRate(Design.STATUS_INDEX, TENANTS, 10, 100_000)).isEqualTo(330);
    }

    @Test
    void theShardedIndexesHoldMoreThanTheTargetWithHeadroomAndOneTenantHalfOfIt() {
        int sharded = model.highestRate(Design.SHARDED_INDEXES, TENANTS, 100, 100_000);
        int oneTenant = model.highestRate(Design.SHARDED_INDEXES, 1, 100, 100_000);

        // 2 writes a task over 32 due shards: 16,000 a second if the hash spread them perfectly.
        assertThat(sharded).isGreaterThanOrEqualTo(12 * TARGET / 10).isLessThanOrEqualTo(16_000);
        // 6 writes a task over one tenant's 32 shards: 5,333 a second if spread perfectly.
        assertThat(oneTenant).isGreaterThanOrEqualTo(4_000).isLessThanOrEqualTo(5_333);
        System.out.println(table(sharded, oneTenant));
    }

    /** The figures the README quotes. */
    private String table(int shardedCeiling, int oneTenantCeiling) {
        StringBuilder table = new StringBuilder(
                "| design | fire rate /s | hottest index partition: writes /s | its reads /s | table reads /s (by id) |\n"
                        + "|---|---|---|---|---|\n");
        for (Design design : Design.values()) {
            for (int rate : new int[] {300, 1_000, TARGET}) {
                Load load = model.second(design, rate, TENANTS);
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
                "highest rate within the limits (%d tenants): status index %,d/s, sharded indexes %,d/s;"
                        + " one tenant alone: %,d/s%n",
                TENANTS,
                model.highestRate(Design.STATUS_INDEX, TENANTS, 10, 100_000),
                shardedCeiling,
                oneTenantCeiling));
        return table.toString();
    }
}
