package io.denoiser.stream.batching;

import java.time.Duration;
import java.util.Objects;

/**
 * When the micro-batcher flushes: as soon as {@code maxBatchSize} images wait, or when the oldest has waited
 * {@code maxBatchDelay} of wall-clock time. Pure arithmetic, so the decisions are tested without Kafka.
 *
 * @param maxBatchSize  images per model call, at least 1
 * @param maxBatchDelay longest wait of an image for its batch to fill, at least 1 ms
 */
public record BatchPolicy(int maxBatchSize, Duration maxBatchDelay) {

    /** How often the wall-clock check runs, as a fraction of the delay, so a flush is late by at most this much. */
    static final int CHECKS_PER_DELAY = 4;

    public BatchPolicy {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchDelay.toMillis() < 1) {
            throw new IllegalArgumentException("maxBatchDelay must be at least 1 ms, got " + maxBatchDelay);
        }
    }

    /** Whether a full batch waits. */
    public boolean isFull(int waiting) {
        return waiting >= maxBatchSize;
    }

    /**
     * Whether waiting images must go now, full or not. A wall clock that stepped back (the oldest image seems to
     * arrive in the future) also flushes: early is harmless, waiting for the clock to catch up is not.
     */
    public boolean isDue(int waiting, long oldestArrivalMs, long nowMs) {
        if (waiting == 0) {
            return false;
        }
        long waited = nowMs - oldestArrivalMs;
        return waited >= maxBatchDelay.toMillis() || waited < 0;
    }

    /** The period of the wall-clock punctuation: a quarter of the delay, at least 1 ms. */
    public Duration checkInterval() {
        return Duration.ofMillis(Math.max(1, maxBatchDelay.toMillis() / CHECKS_PER_DELAY));
    }
}
