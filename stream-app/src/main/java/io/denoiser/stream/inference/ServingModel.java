package io.denoiser.stream.inference;

import io.denoiser.model.inference.Denoiser;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A model ready to serve: its version (written into every reconstruction), what runs it, and a factory of
 * {@link Denoiser}s called once per stream task. Each task closes its denoiser with the task; what the
 * denoisers share (a runtime session) belongs to this object, closed by {@link #close} once the streams that
 * use it have stopped. Thread-safe.
 */
public final class ServingModel implements AutoCloseable {

    private final String version;
    private final String runtime;
    private final int threadsPerCall;
    private final Supplier<Denoiser> denoisers;
    private final AutoCloseable shared;

    /**
     * @param runtime        what runs the network, as {@link Denoiser#name()} says (e.g. {@code onnxruntime})
     * @param threadsPerCall threads inside one model call
     * @param shared         released by {@link #close}; {@code () -> { }} when the denoisers share nothing
     */
    public ServingModel(
            String version, String runtime, int threadsPerCall, Supplier<Denoiser> denoisers, AutoCloseable shared) {
        this.version = Objects.requireNonNull(version, "version");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        if (threadsPerCall < 1) {
            throw new IllegalArgumentException("threadsPerCall must be at least 1, got " + threadsPerCall);
        }
        this.threadsPerCall = threadsPerCall;
        this.denoisers = Objects.requireNonNull(denoisers, "denoisers");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** e.g. {@code conv-autoencoder-32x2@3f2a9c01b7de} */
    public String version() {
        return version;
    }

    public String runtime() {
        return runtime;
    }

    public int threadsPerCall() {
        return threadsPerCall;
    }

    /** For {@code DenoiserTopology.build}: called from stream threads, once per task. */
    public Supplier<Denoiser> denoisers() {
        return denoisers;
    }

    /** Releases what the denoisers share; only after every task using them has closed. */
    @Override
    public void close() {
        try {
            shared.close();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot release model " + version + " (" + runtime + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ServingModel[" + version + " on " + runtime + ", " + threadsPerCall + " threads per call]";
    }
}
