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
 *                         threads); 0 chooses them from the cores and stream threads, see {@link #threadsPerCall}
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
     * The threads of one model call: the configured number, or else the cores shared out among the stream
     * threads (at least 1), since each stream thread may be in a model call at the same time and more threads
     * than cores only add switching.
     */
    public int threadsPerCall(int streamThreads, int cores) {
        if (streamThreads < 1 || cores < 1) {
            throw new IllegalArgumentException(
                    "streamThreads and cores must be at least 1, got " + streamThreads + " and " + cores);
        }
        return inferenceThreads > 0 ? inferenceThreads : Math.max(1, cores / streamThreads);
    }
}
