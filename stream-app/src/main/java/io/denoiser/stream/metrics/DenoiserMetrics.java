package io.denoiser.stream.metrics;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.source.InputRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the data path tells whoever watches it: each event once, where it happens (decode-validate, the batcher,
 * the model calls, Kafka Streams' error handlers). Implementations count ({@link MicrometerMetrics}), sample images
 * for the live page, or do nothing ({@link #NONE}, for tests that do not care). Every method has an empty default,
 * so a new event is added here without touching the implementations that ignore it.
 *
 * <p>Thread-safety: implementations are called from every stream thread at once, and must be thread-safe. They run
 * on the data path: each call must be cheap (no I/O, no copy of an image).
 */
public interface DenoiserMetrics {

    /**
     * The key under which Kafka Streams' properties carry the instance, so that the error handlers it creates from
     * class names ({@code processing.exception.handler}, {@code production.exception.handler}) find it in
     * {@code configure}.
     */
    String CONFIG = "denoiser.metrics";

    /** Ignores everything. */
    DenoiserMetrics NONE = new DenoiserMetrics() {};

    /** A record arrived on the input topic (valid or not). */
    default void imageReceived() {}

    /** A dead letter was handed to the dead-letter topic, for this reason. */
    default void deadLettered(ReasonCode reason) {}

    /**
     * A batch was flushed from the buffer.
     *
     * @param images       images (and unreadable entries) in it
     * @param oldestWaited how long its oldest image waited in the buffer
     */
    default void batchFlushed(int images, Duration oldestWaited) {}

    /**
     * One call of the model returned or failed (probe calls included).
     *
     * @param images images in the call
     * @param nanos  how long the call took
     */
    default void modelCalled(int images, long nanos) {}

    /**
     * A reconstruction was handed to the output topic.
     *
     * @param input       the noisy image's record as it arrived (its bytes are not to be copied or kept long)
     * @param publishedAt wall-clock time of the publication, epoch ms
     */
    default void reconstructionPublished(InputRecord input, Reconstruction reconstruction, long publishedAt) {}

    /** Kafka refused a record the app wrote to {@code topic} and the app dropped it (too large). */
    default void recordDropped(String topic) {}

    /** A model is served from now on. */
    default void modelLoaded(String version, String runtime, Duration loadTime) {}

    /** Tells every one of {@code metrics}, in order. */
    static DenoiserMetrics all(DenoiserMetrics... metrics) {
        return new AllMetrics(List.of(metrics));
    }

    /** The instance in Kafka Streams' configs ({@link #CONFIG}); {@link #NONE} when there is none. */
    static DenoiserMetrics from(Map<String, ?> configs) {
        Objects.requireNonNull(configs, "configs");
        return configs.get(CONFIG) instanceof DenoiserMetrics metrics ? metrics : NONE;
    }
}
