package io.denoiser.tools;

import java.util.Arrays;

/**
 * What a benchmark keeps of each reconstruction of a phase: its latency and batch size, as primitives. Why not the
 * reconstructions: tens of thousands of them live until the phase ends, and in a one-process benchmark every young
 * collection copies them, pausing the app under measurement for longer.
 */
public final class PhaseSamples {

    private long[] latencies = new long[1024];
    private long[] toFlush = new long[1024];
    private int count;
    private long batchSizes;

    /** Counts one reconstruction. */
    public void add(ReceivedReconstruction received) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            toFlush = Arrays.copyOf(toFlush, count * 2);
        }
        toFlush[count] = received.value().processedAt() - received.value().inputTimestamp();
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

    /**
     * The part of each latency, in ms, before the app flushed the image's batch (publishing, the broker, the app's
     * consumer and the wait for the batch); the rest is the model call, the app's producer, the broker and the
     * benchmark's consumer.
     */
    public long[] toFlush() {
        return Arrays.copyOf(toFlush, count);
    }

    /** The mean size of the model calls the reconstructions came from; 0 for none. */
    public double meanBatchSize() {
        return count == 0 ? 0 : (double) batchSizes / count;
    }
}
