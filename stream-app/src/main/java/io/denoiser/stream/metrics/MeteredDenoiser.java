package io.denoiser.stream.metrics;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Denoiser} whose calls are timed ({@link DenoiserMetrics#modelCalled}), failed ones too: each call is one
 * model call of the batcher, probes included. As thread-safe as the denoiser it wraps.
 */
public final class MeteredDenoiser implements Denoiser {

    private final Denoiser denoiser;
    private final DenoiserMetrics metrics;

    public MeteredDenoiser(Denoiser denoiser, DenoiserMetrics metrics) {
        this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public List<GrayImage> denoise(List<GrayImage> noisy) {
        long start = System.nanoTime();
        try {
            return denoiser.denoise(noisy);
        } finally {
            metrics.modelCalled(noisy.size(), System.nanoTime() - start);
        }
    }

    @Override
    public String name() {
        return denoiser.name();
    }

    @Override
    public void close() {
        denoiser.close();
    }
}
