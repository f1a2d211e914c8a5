package io.denoiser.stream.http;

import io.denoiser.stream.metrics.MicrometerMetrics;
import io.denoiser.stream.metrics.MicrometerMetrics.Totals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The last minutes of the app for the live page's charts, one point per tick (a second): images in and out per
 * second, dead letters per second, the mean batch size, latency and model call time of that second, and the images
 * buffered. Made from the meters' totals, by difference between ticks, so the data path does nothing for it.
 * Thread-safe.
 */
public final class LiveHistory {

    /** Five minutes of one-second points. */
    static final int POINTS = 300;

    private final Supplier<Totals> totals;
    private final IntSupplier buffered;
    private final Deque<Map<String, Object>> points = new ArrayDeque<>();
    private Totals last;
    private long lastAt;

    public LiveHistory(MicrometerMetrics metrics, IntSupplier buffered) {
        this(Objects.requireNonNull(metrics, "metrics")::totals, buffered);
    }

    LiveHistory(Supplier<Totals> totals, IntSupplier buffered) {
        this.totals = Objects.requireNonNull(totals, "totals");
        this.buffered = Objects.requireNonNull(buffered, "buffered");
    }

    /** Adds the point of the time since the last tick; the first tick only sets the start. */
    public synchronized void tick(long nowMs) {
        Totals now = totals.get();
        if (last != null && nowMs > lastAt) {
            double seconds = (nowMs - lastAt) / 1000.0;
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", nowMs);
            point.put("receivedPerSecond", round((now.received() - last.received()) / seconds));
            point.put("reconstructionsPerSecond", round((now.reconstructions() - last.reconstructions()) / seconds));
            point.put("deadLettersPerSecond", round((now.deadLetters() - last.deadLetters()) / seconds));
            point.put(
                    "meanBatchSize", mean(now.batchedImages() - last.batchedImages(), now.batches() - last.batches()));
            point.put(
                    "meanLatencyMs",
                    mean(1000 * (now.latencySeconds() - last.latencySeconds()), now.latencies() - last.latencies()));
            point.put(
                    "meanInferenceMs",
                    mean(
                            1000 * (now.inferenceSeconds() - last.inferenceSeconds()),
                            now.modelCalls() - last.modelCalls()));
            point.put("buffered", buffered.getAsInt());
            points.addLast(point);
            while (points.size() > POINTS) {
                points.removeFirst();
            }
        }
        last = now;
        lastAt = nowMs;
    }

    /** The points, oldest first. */
    public synchronized List<Map<String, Object>> points() {
        return new ArrayList<>(points);
    }

    /** The totals at the last tick. */
    public synchronized Totals totals() {
        return last != null ? last : totals.get();
    }

    /** {@code null} (no point on the chart) when nothing happened. */
    private static Double mean(double sum, long count) {
        return count > 0 ? round(sum / count) : null;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
