package io.denoiser.stream.metrics;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.source.InputRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The app's own meters, fed by the data path's events. Their names in Prometheus' text format (README,
 * Observability, lists each with its meaning):
 *
 * <ul>
 *   <li>{@code denoiser_images_received_total}: records read from the input topic, valid or not;
 *   <li>{@code denoiser_reconstructions_total}: reconstructions handed to the output topic;
 *   <li>{@code denoiser_dead_letters_total{reason}}: dead letters handed to the dead-letter topic, one series per
 *       reason code, all present from the start;
 *   <li>{@code denoiser_dropped_records_total}: outputs Kafka refused as too large, dropped;
 *   <li>{@code denoiser_batch_size}: images per flushed batch (histogram);
 *   <li>{@code denoiser_batch_wait_seconds}: how long the oldest image of a batch waited in the buffer;
 *   <li>{@code denoiser_inference_seconds}: the duration of each model call;
 *   <li>{@code denoiser_end_to_end_latency_seconds}: from the input's timestamp to the reconstruction's publication;
 *   <li>{@code denoiser_psnr_db}: PSNR of each reconstruction whose input brought a reference;
 *   <li>{@code denoiser_buffered_images}: images waiting in the batch buffers of this instance;
 *   <li>{@code denoiser_model_info{version,runtime}}: 1 for the model served;
 *   <li>{@code denoiser_model_load_seconds}: how long loading (and checking) that model took.
 * </ul>
 *
 * Counters count when a record is handed to Kafka Streams' producer, so after N images they agree with the
 * topics; at-least-once replays after a crash count again, as they are published again. Thread-safe.
 */
public final class MicrometerMetrics implements DenoiserMetrics {

    /** Buckets of the batch size histogram: the sizes {@code max.batch.size} is usually set to, and between. */
    private static final double[] BATCH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

    private static final double[] PSNR_DB = {5, 10, 12.5, 15, 17.5, 20, 22.5, 25, 30, 40, 50};

    private final MeterRegistry registry;
    /** Held here: a gauge keeps only a weak reference to what it reads, and would read NaN once it is collected. */
    private final IntSupplier bufferedImages;

    private final Counter received;
    private final Counter reconstructions;
    private final Map<ReasonCode, Counter> deadLetters = new EnumMap<>(ReasonCode.class);
    private final Counter dropped;
    private final DistributionSummary batchSize;
    private final Timer batchWait;
    private final Timer inference;
    private final Timer endToEnd;
    private final DistributionSummary psnr;
    private final AtomicReference<Gauge> modelInfo = new AtomicReference<>();
    private final AtomicReference<Double> modelLoadSeconds = new AtomicReference<>(0.0);

    /**
     * Registers every meter on {@code registry}.
     *
     * @param bufferedImages images waiting in this instance's batch buffers, read at each scrape
     */
    public MicrometerMetrics(MeterRegistry registry, IntSupplier bufferedImages) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.bufferedImages = Objects.requireNonNull(bufferedImages, "bufferedImages");
        received = Counter.builder("denoiser.images.received")
                .description("Records read from the input topic, valid or not")
                .register(registry);
        reconstructions = Counter.builder("denoiser.reconstructions")
                .description("Reconstructions handed to the output topic")
                .register(registry);
        for (ReasonCode reason : ReasonCode.values()) {
            deadLetters.put(
                    reason,
                    Counter.builder("denoiser.dead.letters")
                            .description("Dead letters handed to the dead-letter topic, by reason code")
                            .tag("reason", reason.name())
                            .register(registry));
        }
        dropped = Counter.builder("denoiser.dropped.records")
                .description("Records the app wrote that Kafka refused as too large, dropped (see the log)")
                .register(registry);
        batchSize = DistributionSummary.builder("denoiser.batch.size")
                .description("Images per flushed batch")
                .serviceLevelObjectives(BATCH_SIZES)
                .register(registry);
        batchWait = Timer.builder("denoiser.batch.wait")
                .description("How long the oldest image of a batch waited in the buffer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        inference = Timer.builder("denoiser.inference")
                .description("Duration of each model call")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        endToEnd = Timer.builder("denoiser.end.to.end.latency")
                .description("From the noisy image's timestamp to the publication of its reconstruction")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        psnr = DistributionSummary.builder("denoiser.psnr.db")
                .description("PSNR of each reconstruction against the reference its input brought, in dB")
                .serviceLevelObjectives(PSNR_DB)
                .register(registry);
        Gauge.builder("denoiser.buffered.images", this.bufferedImages, images -> images.getAsInt())
                .description("Images waiting in this instance's batch buffers")
                .register(registry);
        TimeGauge.builder("denoiser.model.load", modelLoadSeconds, TimeUnit.SECONDS, AtomicReference::get)
                .description("How long loading and checking the served model took")
                .register(registry);
    }

    @Override
    public void imageReceived() {
        received.increment();
    }

    @Override
    public void deadLettered(ReasonCode reason) {
        deadLetters.get(reason).increment();
    }

    @Override
    public void batchFlushed(int images, Duration oldestWaited) {
        batchSize.record(images);
        batchWait.record(oldestWaited.isNegative() ? Duration.ZERO : oldestWaited);
    }

    @Override
    public void modelCalled(int images, long nanos) {
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void reconstructionPublished(InputRecord input, Reconstruction reconstruction, long publishedAt) {
        reconstructions.increment();
        endToEnd.record(Math.max(0, publishedAt - reconstruction.inputTimestamp()), TimeUnit.MILLISECONDS);
        if (reconstruction.psnr() != null) {
            psnr.record(reconstruction.psnr());
        }
    }

    @Override
    public void recordDropped(String topic) {
        dropped.increment();
    }

    /** Replaces the info of an earlier model, so that one version is served at a time. */
    @Override
    public void modelLoaded(String version, String runtime, Duration loadTime) {
        Gauge info = Gauge.builder("denoiser.model.info", () -> 1)
                .description("1 for the model served, its version and runtime as labels")
                .tags(Tags.of("version", version, "runtime", runtime))
                .register(registry);
        Gauge previous = modelInfo.getAndSet(info);
        if (previous != null && !previous.getId().equals(info.getId())) {
            registry.remove(previous);
        }
        modelLoadSeconds.set(loadTime.toNanos() / 1e9);
    }

    /** Dead letters so far by reason code, only those with any. */
    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters.forEach((reason, counter) -> {
            if (counter.count() > 0) {
                counts.put(reason.name(), (long) counter.count());
            }
        });
        return counts;
    }

    /** The totals so far, for the live page's charts. */
    public Totals totals() {
        double letters = 0;
        for (Counter counter : deadLetters.values()) {
            letters += counter.count();
        }
        return new Totals(
                (long) received.count(),
                (long) reconstructions.count(),
                (long) letters,
                batchSize.count(),
                batchSize.totalAmount(),
                endToEnd.count(),
                endToEnd.totalTime(TimeUnit.SECONDS),
                inference.count(),
                inference.totalTime(TimeUnit.SECONDS));
    }

    /** Counts and sums since start; differences between two of them make rates and means. */
    public record Totals(
            long received,
            long reconstructions,
            long deadLetters,
            long batches,
            double batchedImages,
            long latencies,
            double latencySeconds,
            long modelCalls,
            double inferenceSeconds) {}
}
