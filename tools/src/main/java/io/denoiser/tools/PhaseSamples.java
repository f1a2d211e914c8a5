package io.denoiser.tools;

import java.util.Arrays;

/**
 * What a benchmark keeps of each reconstruction of a phase: its latency and batch size, as primitives. Why not the
 * reconstructions: tens of thousands of them live until the phase ends, and in a one-process benchmark every young
 * collection copies them, pausing the app under measurement for longer.
 */
public final class PhaseSamples {

    private long[] latencies = new long[1024];
    private int count;
    private long batchSizes;

    /** Counts one reconstruction. */
    public void add(ReceivedReconstruction received) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = received.latencyMillis();
        batchSizes += received.value().batchSize();
    }

    public int count() {
        return count;
    }

    /** The latencies, in ms, in the order they arrived. */
    public long[] latencies() {
        return Arrays.copyOf(latencies, count);
    }

    /** The mean size of the model calls the reconstructions came from; 0 for none. */
    public double meanBatchSize() {
        return count == 0 ? 0 : (double) batchSizes / count;
    }
}
