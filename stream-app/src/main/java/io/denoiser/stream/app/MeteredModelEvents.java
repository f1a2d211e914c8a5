package io.denoiser.stream.app;

import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.models.ModelStatus;
import io.denoiser.stream.models.ModelSwapEvents;
import java.time.Duration;
import java.util.Objects;

/**
 * Hands the model rollout's events to the app's metrics (model info, load time, swaps, refusals, and through them
 * the version {@code /health/ready} reports) and then to the caller's own listener.
 */
final class MeteredModelEvents implements ModelSwapEvents {

    private final DenoiserMetrics metrics;
    private final ModelSwapEvents next;

    MeteredModelEvents(DenoiserMetrics metrics, ModelSwapEvents next) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onStarted(ModelStatus status) {
        next.onStarted(status);
    }

    @Override
    public void onSwapped(String version, String runtime, Duration loadTime, String source) {
        metrics.modelLoaded(version, runtime, loadTime);
        metrics.modelSwapped();
        next.onSwapped(version, runtime, loadTime, source);
    }

    @Override
    public void onRefused(String version, String source, String reason) {
        metrics.modelRefused();
        next.onRefused(version, source, reason);
    }
}
