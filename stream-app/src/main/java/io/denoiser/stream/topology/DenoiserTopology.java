package io.denoiser.stream.topology;

import io.denoiser.model.inference.Denoiser;
import io.denoiser.schemas.serde.BoundedDeadLetterSerializer;
import io.denoiser.schemas.serde.DeadLetterKeySerializer;
import io.denoiser.stream.batching.DenoiseBatcherSupplier;
import io.denoiser.stream.batching.FlushTargets;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelCallThreads;
import io.denoiser.stream.inference.ServingModel;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.validation.DecodeValidateSupplier;
import io.denoiser.stream.validation.NoisyImageReader;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The data path as a Kafka Streams topology:
 *
 * <pre>
 * noisy-images-source ─> decode-validate ─> denoise-batcher ─> denoised-sink     (output topic)
 *                              │                  │  store: denoise-batch-buffer
 *                              └──────────────────┴──────────> dead-letter-sink  (dead-letter topic)
 * </pre>
 *
 * Keys travel as the original bytes (the image id); the source reads values as bytes so that dead letters
 * carry them unchanged. Dead letters are written to fit in one Kafka record of the producer's
 * {@code max.request.size} (their key cut to 1,024 bytes, originals too large to carry summarised), since a
 * refused dead letter would be lost. A function of its inputs: tests build it with a fake {@link Denoiser}.
 */
public final class DenoiserTopology {

    public static final String SOURCE = "noisy-images-source";
    public static final String DECODE_VALIDATE = DecodeValidateSupplier.NAME;
    public static final String DENOISE_BATCHER = "denoise-batcher";
    public static final String DENOISED_SINK = "denoised-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private DenoiserTopology() {}

    /**
     * Builds the topology on the config's topics, with its record limits and batching, and the given denoisers.
     *
     * @param denoisers    called once per stream task, from its stream thread; each {@link Denoiser} is
     *                     used by that task only and closed with it
     * @param modelVersion written into every reconstruction, e.g. {@code dae-conv@3f2a9c01b7de}
     */
    public static Topology build(StreamAppConfig config, Supplier<? extends Denoiser> denoisers, String modelVersion) {
        return build(config, denoisers, modelVersion, ServingHealth.create(config.stallTimeout()));
    }

    /**
     * Builds the topology as {@link #build(StreamAppConfig, Supplier, String)} does, reporting the model's health
     * to {@code health}.
     *
     * @param health shared by every task of the topology, kept by the caller to report the health of the app (and
     *               to {@link io.denoiser.stream.health.StallWatch#startWatching watch} for stalls)
     */
    public static Topology build(
            StreamAppConfig config, Supplier<? extends Denoiser> denoisers, String modelVersion, ServingHealth health) {
        return build(config, denoisers, modelVersion, health, DenoiserMetrics.NONE);
    }

    /**
     * Builds the topology as {@link #build(StreamAppConfig, Supplier, String, ServingHealth)} does, telling
     * {@code metrics} of every record, batch, model call and output.
     */
    public static Topology build(
            StreamAppConfig config,
            Supplier<? extends Denoiser> denoisers,
            String modelVersion,
            ServingHealth health,
            DenoiserMetrics metrics) {
        return build(
                config,
                new LiveModel(new ServingModel(modelVersion, "given", 1, denoisers::get, () -> {})),
                health,
                metrics);
    }

    /**
     * Builds the topology as {@link #build(StreamAppConfig, Supplier, String, ServingHealth)} does, each batch
     * denoised by the model that {@code live} serves when the batch starts (so a swap happens between batches).
     *
     * @param live owned by the caller, closed after the streams have stopped
     */
    public static Topology build(StreamAppConfig config, LiveModel live, ServingHealth health) {
        return build(config, live, health, DenoiserMetrics.NONE);
    }

    /**
     * Builds the topology as {@link #build(StreamAppConfig, LiveModel, ServingHealth)} does, telling {@code metrics}
     * of every record, batch, model call and output.
     */
    public static Topology build(
            StreamAppConfig config, LiveModel live, ServingHealth health, DenoiserMetrics metrics) {
        return build(config, live, ModelCallThreads.CALLER, health, metrics);
    }

    /**
     * Builds the topology as {@link #build(StreamAppConfig, LiveModel, ServingHealth, DenoiserMetrics)} does, the
     * model calls running on {@code modelCalls} while the stream threads go on.
     *
     * @param modelCalls owned by the caller, closed after the streams have stopped
     */
    public static Topology build(
            StreamAppConfig config,
            LiveModel live,
            ModelCallThreads modelCalls,
            ServingHealth health,
            DenoiserMetrics metrics) {
        TopicNames topics = config.topics();
        NoisyImageReader reader = new NoisyImageReader(config.inputPolicy());
        FlushTargets targets = new FlushTargets(DENOISED_SINK, DEAD_LETTER_SINK);
        return new Topology()
                .addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.input())
                .addProcessor(
                        DECODE_VALIDATE,
                        new DecodeValidateSupplier(reader, DENOISE_BATCHER, DEAD_LETTER_SINK, metrics),
                        SOURCE)
                .addProcessor(
                        DENOISE_BATCHER,
                        new DenoiseBatcherSupplier(
                                config.batching(), live, modelCalls, reader, targets, topics.input(), health, metrics),
                        DECODE_VALIDATE)
                .addSink(
                        DENOISED_SINK,
                        topics.output(),
                        new ByteArraySerializer(),
                        new ByteArraySerializer(), // written by the model-call thread (FlushOutcome.Denoised)
                        DENOISE_BATCHER)
                .addSink(
                        DEAD_LETTER_SINK,
                        topics.deadLetter(),
                        new DeadLetterKeySerializer(),
                        new BoundedDeadLetterSerializer(config.recordSizes().maxDeadLetterBytes()),
                        DECODE_VALIDATE,
                        DENOISE_BATCHER);
    }
}
