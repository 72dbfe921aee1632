package dev.tasksservice.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;

/**
 * Nearest-rank percentiles: the p-th percentile is the smallest observed value such that at least p % of the
 * values are at or below it, so every answer is a value that was actually measured.
 */
final class Percentiles {

    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(Collection<? extends Number> values) {
        double[] sorted =
                values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Percentiles(sorted);
    }

    static Percentiles of(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    int count() {
        return sorted.length;
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The p-th percentile, for p in (0, 100]. */
    double at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        requireValues();
        return sorted[rank(p, sorted.length) - 1];
    }

    double min() {
        requireValues();
        return sorted[0];
    }

    double max() {
        requireValues();
        return sorted[sorted.length - 1];
    }

    /**
     * ceil(p / 100 * n), 1-based. Decimal arithmetic, because in binary 95 / 100 * 20 is a hair above 19 and
     * would round up to the wrong rank.
     */
    private static int rank(double p, int n) {
        BigDecimal exact = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(n)).divide(BigDecimal.valueOf(100));
        return Math.max(1, exact.setScale(0, RoundingMode.CEILING).intValueExact());
    }

    private void requireValues() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
    }
}
