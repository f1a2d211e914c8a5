package io.denoiser.stream.metrics;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.source.InputRecord;
import java.time.Duration;
import java.util.List;

/** Several {@link DenoiserMetrics} as one: each event goes to every one, in order. Thread-safe if they are. */
final class AllMetrics implements DenoiserMetrics {

    private final List<DenoiserMetrics> metrics;

    AllMetrics(List<DenoiserMetrics> metrics) {
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public void imageReceived() {
        metrics.forEach(DenoiserMetrics::imageReceived);
    }

    @Override
    public void deadLettered(ReasonCode reason) {
        metrics.forEach(m -> m.deadLettered(reason));
    }

    @Override
    public void batchFlushed(int images, Duration oldestWaited) {
        metrics.forEach(m -> m.batchFlushed(images, oldestWaited));
    }

    @Override
    public void modelCalled(int images, long nanos) {
        metrics.forEach(m -> m.modelCalled(images, nanos));
    }

    @Override
    public void reconstructionPublished(InputRecord input, Reconstruction reconstruction, long publishedAt) {
        metrics.forEach(m -> m.reconstructionPublished(input, reconstruction, publishedAt));
    }

    @Override
    public void recordDropped(String topic) {
        metrics.forEach(m -> m.recordDropped(topic));
    }

    @Override
    public void modelLoaded(String version, String runtime, Duration loadTime) {
        metrics.forEach(m -> m.modelLoaded(version, runtime, loadTime));
    }

    @Override
    public String toString() {
        return "DenoiserMetrics" + metrics;
    }
}
