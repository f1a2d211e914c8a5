package io.denoiser.stream.batching;

import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelCallThreads;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.validation.AdmittedImage;
import io.denoiser.stream.validation.NoisyImageReader;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies the micro-batcher ({@link DenoiseBatcher}) and owns its store, {@value #STORE_NAME}: a persistent,
 * changelogged key-value store from {@link BufferKey} to a {@link PendingImage} in {@link PendingImageSerde}'s
 * format (held as bytes, which {@link BatchBuffer} reads, so that an unreadable entry is a dead letter rather than
 * an exception out of the store). Each call of {@link #get} makes a new processor, which takes its model from
 * {@code live} at the start of every batch.
 */
public final class DenoiseBatcherSupplier implements ProcessorSupplier<byte[], AdmittedImage, byte[], Object> {

    public static final String STORE_NAME = "denoise-batch-buffer";

    private final BatchPolicy policy;
    private final LiveModel live;
    private final ModelCallThreads modelCalls;
    private final NoisyImageReader reader;
    private final FlushTargets targets;
    private final String inputTopic;
    private final ServingHealth health;
    private final DenoiserMetrics metrics;

    /**
     * @param inputTopic the topic the buffered images come from
     * @param health     what every task tells about the model's health
     */
    public DenoiseBatcherSupplier(
            BatchPolicy policy,
            LiveModel live,
            NoisyImageReader reader,
            FlushTargets targets,
            String inputTopic,
            ServingHealth health) {
        this(policy, live, ModelCallThreads.CALLER, reader, targets, inputTopic, health, DenoiserMetrics.NONE);
    }

    /**
     * A supplier whose batchers run their model calls on {@code modelCalls} and report to {@code metrics}.
     *
     * @param modelCalls shared by all batchers; owned by the caller, closed after the streams
     * @param metrics    told of every flushed batch and every output
     */
    public DenoiseBatcherSupplier(
            BatchPolicy policy,
            LiveModel live,
            ModelCallThreads modelCalls,
            NoisyImageReader reader,
            FlushTargets targets,
            String inputTopic,
            ServingHealth health,
            DenoiserMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.live = Objects.requireNonNull(live, "live");
        this.modelCalls = Objects.requireNonNull(modelCalls, "modelCalls");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.inputTopic = Objects.requireNonNull(inputTopic, "inputTopic");
        this.health = Objects.requireNonNull(health, "health");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Processor<byte[], AdmittedImage, byte[], Object> get() {
        return new DenoiseBatcher(policy, live, modelCalls, reader, targets, inputTopic, health, metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(bufferStore());
    }

    /**
     * Logging is what makes the buffer survive a crash. Caching is an optimisation that keeps it safe (the
     * cache is written out before every commit): the put of an image buffered and flushed within one commit
     * interval never reaches RocksDB or the changelog, its delete does, as one tombstone written at the commit
     * (the cache does not know the key never reached the store). Writing only what still waits at a commit was
     * measured and did not pay (docs/BENCHMARKS.md, "Sixth sitting").
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> bufferStore() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE_NAME), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }
}
