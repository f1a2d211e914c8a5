package io.denoiser.stream.config;

import io.denoiser.schemas.validation.RecordLimits;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of the stream app, each with its documentation and default next to it (the
 * {@link StreamsConfig} idiom). A key can be set in the properties file or as the environment variable
 * {@code DENOISER_<KEY>} ({@link #environmentVariable}). Keys not defined here are Kafka settings and pass
 * through to Kafka Streams untouched.
 */
public final class StreamAppConfigDef {

    public static final String BOOTSTRAP_SERVERS_CONFIG = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to connect to, host:port[,host:port...].";

    public static final String APPLICATION_ID_CONFIG = StreamsConfig.APPLICATION_ID_CONFIG;
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group, and the"
            + " prefix of the internal topics (the batch buffer's changelog). Instances with the same id share"
            + " the work.";

    public static final String INPUT_TOPIC_CONFIG = "input.topic";
    private static final String INPUT_TOPIC_DOC = "Topic of noisy images (noisy-image.v1 JSON, key = image id).";

    public static final String OUTPUT_TOPIC_CONFIG = "output.topic";
    private static final String OUTPUT_TOPIC_DOC = "Topic the reconstructions are published to (reconstruction.v1"
            + " JSON, key and timestamp of the noisy image).";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "dead.letter.topic";
    private static final String DEAD_LETTER_TOPIC_DOC = "Topic of records that could not be denoised (dead-letter.v1"
            + " JSON with the original bytes, reason code and source coordinates).";

    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    private static final String MAX_BATCH_SIZE_DOC = "Images denoised in one model call: a batch is flushed as soon"
            + " as this many wait. Batching is per input partition, so more partitions give more parallelism but"
            + " smaller batches at low rates.";

    public static final String MAX_BATCH_DELAY_MS_CONFIG = "max.batch.delay.ms";
    private static final String MAX_BATCH_DELAY_MS_DOC = "Longest wall-clock time an image waits for its batch to"
            + " fill; after it a partial batch is flushed, also when no more input arrives.";

    public static final String PROCESSING_GUARANTEE_CONFIG = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    private static final String PROCESSING_GUARANTEE_DOC = "at_least_once (a crash may publish an image twice) or"
            + " exactly_once_v2 (outputs, buffer changes and offsets commit atomically; needs brokers with"
            + " transactions).";

    public static final String NUM_STREAM_THREADS_CONFIG = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    private static final String NUM_STREAM_THREADS_DOC = "Stream threads; each runs its own copy of the network.";

    public static final String NUM_STANDBY_REPLICAS_CONFIG = StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG;
    private static final String NUM_STANDBY_REPLICAS_DOC = "Standby copies of the batch buffer on other instances,"
            + " for faster fail-over.";

    public static final String STATE_DIR_CONFIG = StreamsConfig.STATE_DIR_CONFIG;
    private static final String STATE_DIR_DOC = "Folder of the local state (the batch buffer's RocksDB store).";

    public static final String MODEL_DIR_CONFIG = "model.dir";
    private static final String MODEL_DIR_DOC = "Model artifact folder written by the trainer (model.json,"
            + " model.zip).";

    public static final String ND4J_THREADS_CONFIG = "nd4j.threads";
    private static final String ND4J_THREADS_DOC = "OpenMP threads ND4J uses inside one model call; 0 keeps ND4J's"
            + " default (OMP_NUM_THREADS, else the core count). Keep stream threads x this at most the cores.";

    public static final String MAX_IMAGE_WIDTH_CONFIG = "max.image.width";
    private static final String MAX_IMAGE_WIDTH_DOC = "Widest accepted image in pixels; wider ones are dead letters"
            + " with TOO_LARGE.";

    public static final String MAX_IMAGE_HEIGHT_CONFIG = "max.image.height";
    private static final String MAX_IMAGE_HEIGHT_DOC = "Tallest accepted image in pixels; taller ones are dead"
            + " letters with TOO_LARGE.";

    public static final String MAX_ENCODED_BYTES_CONFIG = "max.encoded.bytes";
    private static final String MAX_ENCODED_BYTES_DOC = "Longest accepted base64 text of data, and of reference,"
            + " in bytes; longer ones are dead letters with TOO_LARGE.";

    /** Prefix of the environment variables that set the keys above. */
    public static final String ENVIRONMENT_PREFIX = "DENOISER_";

    /**
     * Prefix of the environment variables that set a Kafka key, passed through: the rest of the name, lower case,
     * with '_' as '.' ({@code DENOISER_KAFKA_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}); keys that hold '_'
     * or capitals go in the properties file. Other {@code DENOISER_} variables that name no key (such as the
     * launcher's {@code DENOISER_JAVA_OPTS}) are not settings.
     */
    public static final String ENVIRONMENT_KAFKA_PREFIX = ENVIRONMENT_PREFIX + "KAFKA_";

    private static final ConfigDef.Validator TOPIC_NAME = new TopicNameValidator();

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "denoiser", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    APPLICATION_ID_DOC)
            .define(INPUT_TOPIC_CONFIG, Type.STRING, "images.noisy", TOPIC_NAME,
                    Importance.HIGH, INPUT_TOPIC_DOC)
            .define(OUTPUT_TOPIC_CONFIG, Type.STRING, "images.denoised", TOPIC_NAME,
                    Importance.HIGH, OUTPUT_TOPIC_DOC)
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "images.dlq", TOPIC_NAME,
                    Importance.HIGH, DEAD_LETTER_TOPIC_DOC)
            .define(MAX_BATCH_SIZE_CONFIG, Type.INT, 32, ConfigDef.Range.between(1, 4096), Importance.HIGH,
                    MAX_BATCH_SIZE_DOC)
            .define(MAX_BATCH_DELAY_MS_CONFIG, Type.LONG, 20L, ConfigDef.Range.between(1, 60_000), Importance.HIGH,
                    MAX_BATCH_DELAY_MS_DOC)
            .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.AT_LEAST_ONCE,
                    ConfigDef.ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
                    Importance.MEDIUM, PROCESSING_GUARANTEE_DOC)
            .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 256), Importance.MEDIUM,
                    NUM_STREAM_THREADS_DOC)
            .define(NUM_STANDBY_REPLICAS_CONFIG, Type.INT, 0, ConfigDef.Range.between(0, 16), Importance.LOW,
                    NUM_STANDBY_REPLICAS_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, "work/state", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    STATE_DIR_DOC)
            .define(MODEL_DIR_CONFIG, Type.STRING, "models/default", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    MODEL_DIR_DOC)
            .define(ND4J_THREADS_CONFIG, Type.INT, 0, ConfigDef.Range.between(0, 1024), Importance.LOW,
                    ND4J_THREADS_DOC)
            .define(MAX_IMAGE_WIDTH_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_SIDE, ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM, MAX_IMAGE_WIDTH_DOC)
            .define(MAX_IMAGE_HEIGHT_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_SIDE, ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM, MAX_IMAGE_HEIGHT_DOC)
            .define(MAX_ENCODED_BYTES_CONFIG, Type.INT, RecordLimits.DEFAULT_MAX_ENCODED_BYTES,
                    ConfigDef.Range.atLeast(1), Importance.MEDIUM, MAX_ENCODED_BYTES_DOC);

    private StreamAppConfigDef() {
    }

    /** The documentation of every key, as an RST table, for the README or {@code --help}. */
    public static String documentation() {
        return DEFINITION.toRst();
    }

    /** Whether the key is one of the app's own (otherwise it passes through to Kafka Streams). */
    public static boolean isAppKey(String key) {
        return DEFINITION.names().contains(key);
    }

    /** The environment variable of a key: {@code max.batch.delay.ms} is {@code DENOISER_MAX_BATCH_DELAY_MS}. */
    public static String environmentVariable(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The environment variable's key, when it is {@link #ENVIRONMENT_KAFKA_PREFIX} followed by a key. */
    static String kafkaKeyOf(String environmentVariable) {
        String name = environmentVariable.substring(ENVIRONMENT_KAFKA_PREFIX.length());
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Kafka's own rule for topic names. */
    private static final class TopicNameValidator implements ConfigDef.Validator {

        private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

        @Override
        public void ensureValid(String key, Object value) {
            if (value == null || !LEGAL.matcher(value.toString()).matches()) {
                throw new ConfigException(key, value, "a topic name is 1 to 249 characters of a-z, A-Z, 0-9, '.',"
                        + " '_' and '-'");
            }
        }

        @Override
        public String toString() {
            return "a topic name: 1 to 249 of [a-zA-Z0-9._-]";
        }
    }
}
