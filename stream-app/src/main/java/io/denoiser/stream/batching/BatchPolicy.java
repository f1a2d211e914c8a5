package io.denoiser.stream.batching;

import java.time.Duration;
import java.util.Objects;

/**
 * When the micro-batcher flushes: as soon as {@code preferredBatchSize} images wait and the model has room, or when
 * the oldest has waited {@code maxBatchDelay} of wall-clock time; how many images may go together when more wait
 * (while the model is busy); and how large one model call may be. Pure arithmetic, so the decisions are tested
 * without Kafka.
 *
 * @param maxBatchSize       most images per flushed batch, at least 1
 * @param preferredBatchSize images that make a batch go when the model has room, at least 1; capped at
 *                           {@code maxBatchSize}
 * @param maxBatchDelay  longest wait of an image for its batch to fill, at least 1 ms
 * @param maxBatchPixels most pixels in one model call, at least 1: a flushed batch is split into calls within
 *                       it ({@code PixelBudget}); an image larger than it is denoised alone
 */
public record BatchPolicy(int maxBatchSize, int preferredBatchSize, Duration maxBatchDelay, long maxBatchPixels) {

    /** How often the wall-clock check runs, as a fraction of the delay, so a flush is late by at most this much. */
    static final int CHECKS_PER_DELAY = 4;

    /**
     * One 1024 x 1024 image, the largest the default image limits admit (and 1,337 MNIST digits). Why: a model
     * call's working memory grows with its pixels, and flat PNGs of that size are a few KB each, so a bound by
     * count alone let eight of them into one call (1 GiB for the first convolution's output). Measured peaks:
     * ONNX Runtime about 220 bytes per pixel, so about 230 MiB per call at this bound, which fits the 2 GiB of
     * docker-compose.yml beside the heap; the DL4J runtimes about 1.6 KB per pixel (README, "When something fails").
     */
    public static final long DEFAULT_MAX_BATCH_PIXELS = 1024 * 1024;

    public BatchPolicy {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (preferredBatchSize < 1) {
            throw new IllegalArgumentException("preferredBatchSize must be at least 1, got " + preferredBatchSize);
        }
        preferredBatchSize = Math.min(preferredBatchSize, maxBatchSize);
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchDelay.toMillis() < 1) {
            throw new IllegalArgumentException("maxBatchDelay must be at least 1 ms, got " + maxBatchDelay);
        }
        if (maxBatchPixels < 1) {
            throw new IllegalArgumentException("maxBatchPixels must be at least 1, got " + maxBatchPixels);
        }
    }

    /** Batches of one size: each goes as soon as it is full. */
    public BatchPolicy(int maxBatchSize, Duration maxBatchDelay, long maxBatchPixels) {
        this(maxBatchSize, maxBatchSize, maxBatchDelay, maxBatchPixels);
    }

    /** Batches of one size, with the default bound of pixels per model call. */
    public BatchPolicy(int maxBatchSize, Duration maxBatchDelay) {
        this(maxBatchSize, maxBatchDelay, DEFAULT_MAX_BATCH_PIXELS);
    }

    /** Whether a batch of the largest size waits. */
    public boolean isFull(int waiting) {
        return waiting >= maxBatchSize;
    }

    /**
     * How many of the waiting images go in the next batch: the largest size once a whole batch of it waits (the
     * model is behind), else the preferred size, so that a short burst at low load does not make one long call
     * that the next images wait behind.
     */
    public int nextBatchSize(int waiting) {
        return isFull(waiting) ? maxBatchSize : preferredBatchSize;
    }

    /** Whether enough wait for a batch to go when the model has room. */
    public boolean isReady(int waiting) {
        return waiting >= preferredBatchSize;
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
