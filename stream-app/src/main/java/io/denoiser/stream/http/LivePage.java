package io.denoiser.stream.http;

import io.denoiser.stream.metrics.MicrometerMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON the live page polls ({@code /api/live}): health, model, totals, the last minutes as points, and the
 * latest sampled images. Thread-safe.
 */
final class LivePage {

    private final HealthChecks checks;
    private final MicrometerMetrics meters;
    private final LiveHistory history;
    private final LiveImages images;

    LivePage(HealthChecks checks, MicrometerMetrics meters, LiveHistory history, LiveImages images) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.history = Objects.requireNonNull(history, "history");
        this.images = Objects.requireNonNull(images, "images");
    }

    LiveHistory history() {
        return history;
    }

    Map<String, Object> json(long now) {
        HealthChecks.Report live = checks.live();
        HealthChecks.Report ready = checks.ready();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("live", live.up());
        health.put("ready", ready.up());
        health.put("kafkaStreams", ready.body().get("kafkaStreams"));
        health.put("stalled", ready.body().get("stalled"));
        health.put("problems", ready.body().get("problems"));
        MicrometerMetrics.Totals totals = meters.totals();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", totals.received());
        counts.put("reconstructions", totals.reconstructions());
        counts.put("deadLetters", totals.deadLetters());
        counts.put("deadLettersByReason", meters.deadLettersByReason());
        counts.put("batches", totals.batches());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("now", now);
        json.put("health", health);
        json.put("model", ready.body().get("model"));
        json.put("totals", counts);
        json.put("series", history.points());
        json.put("samples", images.latest());
        return json;
    }
}
