package io.denoiser.tools;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of measurements (few enough to sort: a run's latencies). */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value at or above {@code percent}% of the values; 0 when there are none. */
    public long at(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public int count() {
        return sorted.length;
    }
}
