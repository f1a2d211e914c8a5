package io.denoiser.stream.models;

/**
 * What serves now, for readiness and metrics to read at any time: the version and runtime of the model that the
 * batches starting now take, and the counts of swaps and refused candidates since start-up. Thread-safe.
 */
public interface ModelStatus {

    /** e.g. {@code conv-autoencoder-32x2@3f2a9c01b7de} */
    String version();

    /** e.g. {@code onnxruntime} */
    String runtime();

    /** Models that went live since start-up (the first one not counted). */
    long swaps();

    /** Candidates refused since start-up. */
    long refusals();

    /** The serving model's mean PSNR on the shipped probe set, dB. */
    double servingPsnr();
}
