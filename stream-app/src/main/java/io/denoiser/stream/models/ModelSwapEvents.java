package io.denoiser.stream.models;

import java.time.Duration;

/**
 * What the model rollout tells whoever watches it (metrics, readiness): each model that goes live and each
 * candidate refused. Called on the rollout's own thread, after the fact and after the log line; an implementation
 * must return quickly and not throw (what it throws is logged and ignored).
 */
public interface ModelSwapEvents {

    /** Ignores every event. */
    ModelSwapEvents NONE = new ModelSwapEvents() {};

    /**
     * A model went live: batches that start from now on use it.
     *
     * @param version  e.g. {@code conv-autoencoder-32x2@3f2a9c01b7de}
     * @param runtime  what runs it, e.g. {@code onnxruntime}
     * @param loadTime from the start of its verification to going live (load, checks, probe set)
     * @param source   where it came from, e.g. {@code control topic denoiser.models} or a folder
     */
    default void onSwapped(String version, String runtime, Duration loadTime, String source) {}

    /**
     * A candidate was refused; the model that served goes on serving.
     *
     * @param version the candidate's version, or its folder when its metadata could not be read
     * @param reason  one line, as logged
     */
    default void onRefused(String version, String source, String reason) {}
}
