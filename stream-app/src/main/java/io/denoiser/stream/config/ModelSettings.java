package io.denoiser.stream.config;

import io.denoiser.stream.inference.ModelRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which model serves, and how.
 *
 * @param dir              the model artifact folder
 * @param runtime          what runs the network
 * @param inferenceThreads threads inside one model call (ONNX Runtime intra-op threads, or ND4J's OpenMP
 *                         threads); 0 is 1, see {@link #threadsPerCall}
 * @param pollInterval     how often a model repository folder is checked for a new version
 * @param qualityMarginDb  how far below the serving model's PSNR on the probe set a new model may be
 * @param controlTopic     whether the app reads the models control topic ({@code <application.id>.models})
 */
public record ModelSettings(
        Path dir,
        ModelRuntime runtime,
        int inferenceThreads,
        Duration pollInterval,
        double qualityMarginDb,
        boolean controlTopic) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final double DEFAULT_QUALITY_MARGIN_DB = 0.5;

    public ModelSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (inferenceThreads < 0) {
            throw new IllegalArgumentException("inferenceThreads must not be negative, got " + inferenceThreads);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        if (!(qualityMarginDb >= 0)) {
            throw new IllegalArgumentException("qualityMarginDb must be at least 0, got " + qualityMarginDb);
        }
    }

    /** The model in {@code dir}, with the default rollout settings. */
    public ModelSettings(Path dir, ModelRuntime runtime, int inferenceThreads) {
        this(dir, runtime, inferenceThreads, DEFAULT_POLL_INTERVAL, DEFAULT_QUALITY_MARGIN_DB, true);
    }

    /**
     * The threads of one model call: the configured number, else 1. Why 1: a task's batches go to the model one at a
     * time, and the calls of the other tasks (partitions) run at once on other cores ({@link #callsAtOnce}); one
     * thread per call keeps each core busy with its own call instead of waking a second one for every layer, which
     * cost more CPU per image at batches of 8 (docs/BENCHMARKS.md, "The Kafka path against the model").
     */
    public int threadsPerCall() {
        return inferenceThreads > 0 ? inferenceThreads : 1;
    }

    /** How many model calls may run at once: the cores shared out among the threads of each call, at least 1. */
    public int callsAtOnce(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        return Math.max(1, cores / threadsPerCall());
    }
}
