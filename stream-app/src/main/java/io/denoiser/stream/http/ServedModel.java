package io.denoiser.stream.http;

import io.denoiser.stream.metrics.DenoiserMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which model is served, as the {@link DenoiserMetrics#modelLoaded} events say: empty until the first, the latest
 * afterwards (so a model swapped at run time shows). Thread-safe.
 */
public final class ServedModel implements DenoiserMetrics {

    /** A model being served, and how long its load took. */
    public record Model(String version, String runtime, Duration loadTime) {}

    private final AtomicReference<Model> current = new AtomicReference<>();

    @Override
    public void modelLoaded(String version, String runtime, Duration loadTime) {
        current.set(new Model(version, runtime, loadTime));
    }

    public Optional<Model> current() {
        return Optional.ofNullable(current.get());
    }
}
