package io.denoiser.stream.config;

import io.denoiser.stream.inference.ModelRuntime;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model serves, and how.
 *
 * @param dir              the model artifact folder
 * @param runtime          what runs the network
 * @param inferenceThreads threads inside one model call (ONNX Runtime intra-op threads, or ND4J's OpenMP
 *                         threads); 0 chooses them from the cores and stream threads, see {@link #threadsPerCall}
 */
public record ModelSettings(Path dir, ModelRuntime runtime, int inferenceThreads) {

    public ModelSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(runtime, "runtime");
        if (inferenceThreads < 0) {
            throw new IllegalArgumentException("inferenceThreads must not be negative, got " + inferenceThreads);
        }
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
