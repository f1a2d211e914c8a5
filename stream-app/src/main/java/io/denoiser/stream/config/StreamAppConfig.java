package io.denoiser.stream.config;

import static io.denoiser.stream.config.StreamAppConfigDef.APPLICATION_ID_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.BOOTSTRAP_SERVERS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.DEAD_LETTER_TOPIC_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.HTTP_HOST_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.HTTP_PORT_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.INFERENCE_THREADS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.INPUT_TOPIC_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.INPUT_UNKNOWN_FIELDS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_BATCH_DELAY_MS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_BATCH_PIXELS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_ENCODED_BYTES_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_IMAGE_HEIGHT_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MAX_IMAGE_WIDTH_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MODEL_CONTROL_TOPIC_ENABLED_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MODEL_DIR_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MODEL_POLL_INTERVAL_MS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MODEL_QUALITY_MARGIN_DB_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.MODEL_RUNTIME_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.NUM_STANDBY_REPLICAS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.NUM_STREAM_THREADS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.OUTPUT_TOPIC_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.PREFERRED_BATCH_SIZE_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.PROCESSING_GUARANTEE_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.SHUTDOWN_TIMEOUT_MS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.STALL_TIMEOUT_MS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.STARTUP_TIMEOUT_MS_CONFIG;
import static io.denoiser.stream.config.StreamAppConfigDef.STATE_DIR_CONFIG;

import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.batching.BatchPolicy;
import io.denoiser.stream.errors.OversizedRecordHandler;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.validation.InputPolicy;
import io.denoiser.stream.validation.UnexpectedFailureHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The whole configuration of the stream app, immutable. Built from raw settings ({@link #from}, usually
 * {@link ConfigSources#merge} of a properties file and the environment); the keys, docs and defaults are in
 * {@link StreamAppConfigDef}.
 *
 * @param unknownFields what to do with unknown top-level fields of noisy images
 * @param stallTimeout  how long images may wait without a batch completing before a stall is reported
 * @param http          where the HTTP server (metrics, health, live page) listens
 * @param kafkaSettings every setting that is not one of the app's keys (e.g. {@code security.protocol},
 *                      {@code sasl.*}, {@code producer.*}), passed to Kafka Streams untouched
 */
public record StreamAppConfig(
        String bootstrapServers,
        String applicationId,
        TopicNames topics,
        BatchPolicy batching,
        String processingGuarantee,
        int numStreamThreads,
        int numStandbyReplicas,
        Path stateDir,
        ModelSettings model,
        RecordLimits limits,
        UnknownFields unknownFields,
        LifecycleTimeouts timeouts,
        Duration stallTimeout,
        HttpSettings http,
        Map<String, String> kafkaSettings) {

    public StreamAppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(processingGuarantee, "processingGuarantee");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(unknownFields, "unknownFields");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(http, "http");
        kafkaSettings = Collections.unmodifiableMap(new TreeMap<>(kafkaSettings));
        RecordSizeBudget.of(kafkaSettings); // fails on a max.request.size too small for dead letters
    }

    /** The defaults of every key. */
    public static StreamAppConfig defaults() {
        return from(Map.of());
    }

    /** Reads the properties file ({@code null} for none) and the environment; the environment wins. */
    public static StreamAppConfig load(Path file, Map<String, String> environment) {
        return from(ConfigSources.merge(file, environment));
    }

    /**
     * Parses and checks raw settings; absent keys take their defaults.
     *
     * @throws ConfigException naming the key, when a value is invalid
     */
    public static StreamAppConfig from(Map<String, String> settings) {
        Map<String, Object> parsed = StreamAppConfigDef.DEFINITION.parse(settings);
        requireOwnDeadLetterTopic(topics(parsed), settings);
        return new StreamAppConfig(
                (String) parsed.get(BOOTSTRAP_SERVERS_CONFIG),
                (String) parsed.get(APPLICATION_ID_CONFIG),
                topics(parsed),
                new BatchPolicy(
                        (int) parsed.get(MAX_BATCH_SIZE_CONFIG),
                        (int) parsed.get(PREFERRED_BATCH_SIZE_CONFIG),
                        Duration.ofMillis((long) parsed.get(MAX_BATCH_DELAY_MS_CONFIG)),
                        (long) parsed.get(MAX_BATCH_PIXELS_CONFIG)),
                (String) parsed.get(PROCESSING_GUARANTEE_CONFIG),
                streamThreads((int) parsed.get(NUM_STREAM_THREADS_CONFIG)),
                (int) parsed.get(NUM_STANDBY_REPLICAS_CONFIG),
                Path.of((String) parsed.get(STATE_DIR_CONFIG)),
                new ModelSettings(
                        Path.of((String) parsed.get(MODEL_DIR_CONFIG)),
                        ModelRuntime.fromConfigName((String) parsed.get(MODEL_RUNTIME_CONFIG)),
                        (int) parsed.get(INFERENCE_THREADS_CONFIG),
                        Duration.ofMillis((long) parsed.get(MODEL_POLL_INTERVAL_MS_CONFIG)),
                        (double) parsed.get(MODEL_QUALITY_MARGIN_DB_CONFIG),
                        (boolean) parsed.get(MODEL_CONTROL_TOPIC_ENABLED_CONFIG)),
                new RecordLimits(
                        (int) parsed.get(MAX_IMAGE_WIDTH_CONFIG), (int) parsed.get(MAX_IMAGE_HEIGHT_CONFIG), (int)
                                parsed.get(MAX_ENCODED_BYTES_CONFIG)),
                UnknownFields.fromConfigName((String) parsed.get(INPUT_UNKNOWN_FIELDS_CONFIG)),
                new LifecycleTimeouts(
                        Duration.ofMillis((long) parsed.get(STARTUP_TIMEOUT_MS_CONFIG)),
                        Duration.ofMillis((long) parsed.get(SHUTDOWN_TIMEOUT_MS_CONFIG))),
                stallTimeout(parsed),
                new HttpSettings((String) parsed.get(HTTP_HOST_CONFIG), (int) parsed.get(HTTP_PORT_CONFIG)),
                kafkaSettings(settings));
    }

    public boolean exactlyOnce() {
        return StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee);
    }

    /** How large the app's records may be, from the producer's {@code max.request.size}. */
    public RecordSizeBudget recordSizes() {
        return RecordSizeBudget.of(kafkaSettings);
    }

    /** What the app admits from the input topic. */
    public InputPolicy inputPolicy() {
        return new InputPolicy(limits, recordSizes().maxInputRecordBytes(), unknownFields);
    }

    static final int PRODUCER_LINGER_MS = 5;

    static final int PRODUCER_BATCH_SIZE = 128 * 1024;

    static final int AT_LEAST_ONCE_COMMIT_INTERVAL_MS = 1000;

    /**
     * The Kafka Streams properties: the app's defaults, then the pass-through settings, then the app's Kafka
     * keys. The defaults, each replaced by a pass-through setting of the same key:
     * <ul>
     *   <li>{@code poll.ms} is the batcher's check interval: an idle stream thread blocks in poll that long
     *       between wall-clock punctuations, so the default 100 ms would hold the last partial batch up to 100 ms.
     *   <li>{@code producer.linger.ms} is 5: Kafka Streams' own default of 100 ms would add up to 100 ms to every
     *       reconstruction's latency, while the batcher already hands the producer whole batches.
     *   <li>{@code producer.batch.size} is 128 KiB: a flushed batch of 32 reconstructions is about 43 KB, which
     *       Kafka's 16 KiB batches split into three, each full one sent at once without waiting for the linger; in one
     *       batch per partition and linger the broker's CPU per image at saturation was about a third lower
     *       (docs/BENCHMARKS.md, "Fifth sitting").
     *   <li>{@code production.exception.handler} is {@link OversizedRecordHandler}: an output too large for Kafka
     *       is dropped with an ERROR line instead of stopping the app on every restart.
     *   <li>{@code processing.exception.handler} is {@link UnexpectedFailureHandler}: a defect that one record
     *       triggers in {@code decode-validate} makes a PROCESSING_FAILED dead letter instead of stopping the app on
     *       every restart. It learns the dead-letter topic and size bound from two keys of its own, which are
     *       always set.
     *   <li>{@code processing.exception.handler.global.enabled} is true, Kafka 5.0's behaviour: the topology has no
     *       global stores, so this only stops Kafka Streams 4.x warning about it at every start.
     *   <li>{@code commit.interval.ms} is 1000 under {@code at_least_once} (Kafka Streams' default there is 30 s;
     *       under {@code exactly_once_v2} its 100 ms stays): each commit writes the batch buffer's cached changes
     *       out, and 30 s of them stalled the stream thread for 150-350 ms (docs/BENCHMARKS.md); a crash also
     *       replays, and so duplicates, at most about a second of input instead of 30.
     * </ul>
     */
    public Properties toStreamsProperties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.POLL_MS_CONFIG, batching.checkInterval().toMillis());
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_SIZE);
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizedRecordHandler.class);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, UnexpectedFailureHandler.class);
        // deprecated since it was added (KIP-1270) with no replacement: Kafka 5.0 removes it and always behaves as
        // true; until then, setting it stops a warning at every start
        @SuppressWarnings("deprecation")
        String globalProcessingHandler = StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG;
        properties.put(globalProcessingHandler, true);
        if (!exactlyOnce()) {
            properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, AT_LEAST_ONCE_COMMIT_INTERVAL_MS);
        }
        properties.putAll(kafkaSettings);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(UnexpectedFailureHandler.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter());
        properties.put(
                UnexpectedFailureHandler.DEAD_LETTER_MAX_BYTES_CONFIG,
                Integer.toString(recordSizes().maxDeadLetterBytes()));
        return properties;
    }

    private static TopicNames topics(Map<String, Object> parsed) {
        String input = (String) parsed.get(INPUT_TOPIC_CONFIG);
        String output = (String) parsed.get(OUTPUT_TOPIC_CONFIG);
        String deadLetter = (String) parsed.get(DEAD_LETTER_TOPIC_CONFIG);
        if (output.equals(input)) {
            throw new ConfigException(OUTPUT_TOPIC_CONFIG, output, "must differ from " + INPUT_TOPIC_CONFIG);
        }
        if (deadLetter.equals(input) || deadLetter.equals(output)) {
            throw new ConfigException(
                    DEAD_LETTER_TOPIC_CONFIG,
                    deadLetter,
                    "must differ from " + INPUT_TOPIC_CONFIG + " and " + OUTPUT_TOPIC_CONFIG);
        }
        return new TopicNames(input, output, deadLetter);
    }

    /**
     * Kafka Streams' own dead-letter records (KIP-1034, written by its built-in handlers when
     * {@code errors.dead.letter.queue.topic.name} is set) are the raw bytes with headers, not dead-letter.v1 JSON:
     * they must not land on the app's dead-letter topic, whose readers expect one contract.
     */
    private static void requireOwnDeadLetterTopic(TopicNames topics, Map<String, String> settings) {
        String kafkaDeadLetters = settings.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topics.deadLetter().equals(kafkaDeadLetters)) {
            throw new ConfigException(
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                    kafkaDeadLetters,
                    "must differ from " + DEAD_LETTER_TOPIC_CONFIG
                            + ": Kafka Streams writes raw records there, the app's dead letters are JSON");
        }
    }

    /** 0 is one stream thread per core: a stream thread waits for its tasks' model calls once they are ahead. */
    private static int streamThreads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /** Above the batch delay: a partial batch waits that long by design, which is no stall. */
    private static Duration stallTimeout(Map<String, Object> parsed) {
        long stallTimeout = (long) parsed.get(STALL_TIMEOUT_MS_CONFIG);
        long batchDelay = (long) parsed.get(MAX_BATCH_DELAY_MS_CONFIG);
        if (stallTimeout <= batchDelay) {
            throw new ConfigException(
                    STALL_TIMEOUT_MS_CONFIG,
                    stallTimeout,
                    "must be above " + MAX_BATCH_DELAY_MS_CONFIG + " (" + batchDelay
                            + "), which images wait by design");
        }
        return Duration.ofMillis(stallTimeout);
    }

    private static Map<String, String> kafkaSettings(Map<String, String> settings) {
        Map<String, String> passThrough = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (!StreamAppConfigDef.isAppKey(key)) {
                passThrough.put(key, value);
            }
        });
        return passThrough;
    }
}
