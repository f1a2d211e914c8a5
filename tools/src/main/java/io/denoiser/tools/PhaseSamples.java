package io.denoiser.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a benchmark keeps of each reconstruction of a phase: its latency and batch size, as primitives. Why not the
 * reconstructions: tens of thousands of them live until the phase ends, and in a one-process benchmark every young
 * collection copies them, pausing the app under measurement for longer.
 */
public final class PhaseSamples {

    /** The columns of {@link #writeCsv}. */
    public static final String CSV_HEADER = "sent_at_ms,latency_ms,before_flush_ms,batch_size,partition";

    private long[] sentAt = new long[1024];
    private long[] latencies = new long[1024];
    private long[] toFlush = new long[1024];
    private int[] batchSizes = new int[1024];
    private int[] partitions = new int[1024];
    private int count;

    /** Counts one reconstruction. */
    public void add(ReceivedReconstruction received) {
        if (count == latencies.length) {
            int capacity = count * 2;
            sentAt = Arrays.copyOf(sentAt, capacity);
            latencies = Arrays.copyOf(latencies, capacity);
            toFlush = Arrays.copyOf(toFlush, capacity);
            batchSizes = Arrays.copyOf(batchSizes, capacity);
            partitions = Arrays.copyOf(partitions, capacity);
        }
        sentAt[count] = received.value().inputTimestamp();
        toFlush[count] = received.value().processedAt() - received.value().inputTimestamp();
        batchSizes[count] = received.value().batchSize();
        partitions[count] = received.partition();
        latencies[count++] = received.latencyMillis();
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
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += batchSizes[i];
        }
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * Writes one line per reconstruction, in the order they arrived, under {@link #CSV_HEADER}: when its noisy image
     * was sent (epoch ms), its latency, the part of it before the flush, its batch's size and its partition. Where a
     * tail comes from shows there: slow images in bursts across partitions point at the whole process (a collector
     * pause, the JIT), on one partition at its task.
     */
    public void writeCsv(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            for (int i = 0; i < count; i++) {
                out.write(sentAt[i] + "," + latencies[i] + "," + toFlush[i] + "," + batchSizes[i] + "," + partitions[i]
                        + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the phase's samples to " + file, e);
        }
    }
}
