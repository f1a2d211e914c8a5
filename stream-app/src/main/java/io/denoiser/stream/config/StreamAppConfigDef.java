package io.denoiser.stream.config;

import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.batching.BatchPolicy;
import io.denoiser.stream.inference.ModelRuntime;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
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
    /**
     * 32, the model alone's batch in {@code bench}: at low load batches stay at preferred.batch.size (8), and when
     * the model falls behind the images that gathered behind running calls go together. Against 8 (batches of one
     * size) in the same rounds on a 2-core Zen 5: 1.07-1.4x the throughput at saturation in five of six steady
     * rounds; p99 at half load within 1 ms of 8's or lower in four of the six, higher in two (63 and 103 ms against
     * 44 and 32, at a 7-16% higher rate) (docs/BENCHMARKS.md, "Fifth sitting").
     */
    public static final int DEFAULT_MAX_BATCH_SIZE = 32;

    private static final String MAX_BATCH_SIZE_DOC = "Most images in one batch: once this many have gathered while"
            + " this partition's model calls ran, they go together; a batch goes to the model in one call unless"
            + " max.batch.pixels splits it. Batching is per input partition, so more partitions give more"
            + " parallelism but smaller batches at low rates.";

    public static final String PREFERRED_BATCH_SIZE_CONFIG = "preferred.batch.size";
    /** Chosen from the end-to-end benchmark: 93% of the throughput of batches of 32 at half the median latency. */
    public static final int DEFAULT_PREFERRED_BATCH_SIZE = 8;

    private static final String PREFERRED_BATCH_SIZE_DOC = "A batch goes to the model as soon as this many images"
            + " wait and the partition has room for a call (fewer than two of its batches handed over); more wait"
            + " only while its calls run. Capped at max.batch.size.";

    public static final String MAX_BATCH_DELAY_MS_CONFIG = "max.batch.delay.ms";
    /** Chosen from the end-to-end benchmark: as much throughput as 20 ms, and a lower median latency at low load. */
    public static final long DEFAULT_MAX_BATCH_DELAY_MS = 10;

    private static final String MAX_BATCH_DELAY_MS_DOC = "Longest wall-clock time an image waits for its batch to"
            + " fill; after it a partial batch is flushed, also when no more input arrives.";

    // --- batching and inference guards (issue 12) ---
    public static final String MAX_BATCH_PIXELS_CONFIG = "max.batch.pixels";
    private static final String MAX_BATCH_PIXELS_DOC = "Most pixels (width x height, summed over the images) in one"
            + " model call: a flushed batch is split into calls within it, in arrival order, and an image larger than"
            + " it is denoised alone. It bounds the model's working memory: about 220 bytes per pixel with onnx"
            + " (measured), about 1.6 KB with dl4j and dl4j-plain. The default, one 1024 x 1024 image, is the largest"
            + " image the default limits admit; lower it for the dl4j runtimes or a smaller memory limit.";

    public static final String STALL_TIMEOUT_MS_CONFIG = "stall.timeout.ms";
    /**
     * Far above a legitimate call: one call at the default max.batch.pixels, a 1024 x 1024 image, takes about 30 s
     * on dl4j-plain here (8 s measured for 512 x 512), well under a second on onnx.
     */
    public static final long DEFAULT_STALL_TIMEOUT_MS = 60_000;

    private static final String STALL_TIMEOUT_MS_DOC = "How long images may wait without a batch of their partition"
            + " completing before the app reports a stall (one WARN line, and one when it ends): a hung model call"
            + " or stream thread. Must be above max.batch.delay.ms and the longest model call of a full batch.";
    // --- end of batching and inference guards ---

    public static final String PROCESSING_GUARANTEE_CONFIG = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    private static final String PROCESSING_GUARANTEE_DOC = "at_least_once (a crash may publish an image twice) or"
            + " exactly_once_v2 (outputs, buffer changes and offsets commit atomically; needs brokers with"
            + " transactions).";

    public static final String NUM_STREAM_THREADS_CONFIG = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    private static final String NUM_STREAM_THREADS_DOC = "Stream threads; each processes the tasks (input"
            + " partitions) it is given, handing their batches to the model-call threads and going on; 0 is one per"
            + " core. With model.runtime=onnx they share one ONNX Runtime session; with dl4j"
            + " each task runs its own copy of the network.";

    public static final String NUM_STANDBY_REPLICAS_CONFIG = StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG;
    private static final String NUM_STANDBY_REPLICAS_DOC =
            "Standby copies of the batch buffer on other instances," + " for faster fail-over.";

    public static final String STATE_DIR_CONFIG = StreamsConfig.STATE_DIR_CONFIG;
    private static final String STATE_DIR_DOC = "Folder of the local state (the batch buffer's RocksDB store).";

    public static final String MODEL_DIR_CONFIG = "model.dir";
    private static final String MODEL_DIR_DOC =
            "Model artifact folder written by the trainer (model.json," + " model.zip, model.onnx).";

    public static final String MODEL_RUNTIME_CONFIG = "model.runtime";
    private static final String MODEL_RUNTIME_DOC = "What runs the network: onnx (ONNX Runtime on the artifact's"
            + " model.onnx, the fastest; one session shared by all stream threads), dl4j (a copy of the DL4J network"
            + " per stream task, with oneDNN convolutions where available) or dl4j-plain (DL4J's built-in layers"
            + " only: the fallback for platforms without oneDNN or ONNX Runtime).";

    public static final String INFERENCE_THREADS_CONFIG = "inference.threads";
    private static final String INFERENCE_THREADS_DOC = "Threads inside one model call (ONNX Runtime intra-op"
            + " threads, or ND4J's OpenMP threads); 0 is 1. The calls of different tasks (input partitions) run at"
            + " once, as many as cores / this; with fewer input partitions than cores, raise it to cores / partitions.";

    public static final String MODEL_POLL_INTERVAL_MS_CONFIG = "model.poll.interval.ms";
    private static final String MODEL_POLL_INTERVAL_MS_DOC = "When model.dir is a model repository (a folder of"
            + " artifact versions, with an optional CURRENT file naming the one to serve), how often it is checked for"
            + " a new version.";

    public static final String MODEL_QUALITY_MARGIN_DB_CONFIG = "model.quality.margin.db";
    private static final String MODEL_QUALITY_MARGIN_DB_DOC = "Quality gate of a new model: its mean PSNR on the"
            + " probe set shipped with the app may be at most this far below the serving model's; a model published"
            + " with --force, rolled back to, or named by CURRENT skips the gate (its checksums, shapes and runtime"
            + " agreement are checked all the same).";

    public static final String MODEL_CONTROL_TOPIC_ENABLED_CONFIG = "model.control.topic.enabled";
    private static final String MODEL_CONTROL_TOPIC_ENABLED_DOC = "Whether the app reads the compacted models"
            + " control topic <application.id>.models (created if missing), where ./denoiser models publish and"
            + " rollback put new models: every instance swaps to the model it names.";

    public static final String STARTUP_TIMEOUT_MS_CONFIG = "startup.timeout.ms";
    private static final String STARTUP_TIMEOUT_MS_DOC = "How long the app may take to reach RUNNING (join its"
            + " group, restore the batch buffer) before it gives up with a message saying why, such as no reachable"
            + " broker.";

    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "How long a shutdown may take to finish the current"
            + " batches and commit. Images still buffered stay in the changelogged store for the next start.";

    public static final String MAX_IMAGE_WIDTH_CONFIG = "max.image.width";
    private static final String MAX_IMAGE_WIDTH_DOC =
            "Widest accepted image in pixels; wider ones are dead letters" + " with TOO_LARGE.";

    public static final String MAX_IMAGE_HEIGHT_CONFIG = "max.image.height";
    private static final String MAX_IMAGE_HEIGHT_DOC =
            "Tallest accepted image in pixels; taller ones are dead" + " letters with TOO_LARGE.";

    public static final String MAX_ENCODED_BYTES_CONFIG = "max.encoded.bytes";
    private static final String MAX_ENCODED_BYTES_DOC = "Longest accepted base64 text of data, and of reference,"
            + " in bytes; longer ones are dead letters with TOO_LARGE. The default keeps every record the app writes"
            + " for an accepted raw-u8 image within Kafka's default 1 MiB limit: raise it together with the"
            + " producer's max.request.size and the topics' max.message.bytes.";

    /**
     * 360 KiB of base64 (270 KiB of pixels, e.g. 525 x 525 raw-u8). Why not the schemas' 4 MiB: Kafka refuses
     * records above 1 MiB by default, and the app's records are larger than their images. An accepted image
     * with a reference of this size is a record of about 720 KiB; its reconstruction (raw-u8) about 360 KiB; its
     * buffer entry about 720 KiB; its dead letter, which carries the whole input as base64 (4/3 of it), about
     * 960 KiB. All fit in 1 MiB.
     */
    public static final int DEFAULT_MAX_ENCODED_BYTES = 360 * 1024;

    public static final String INPUT_UNKNOWN_FIELDS_CONFIG = "input.unknown.fields";
    private static final String INPUT_UNKNOWN_FIELDS_DOC = "What to do with top-level fields of a noisy image that"
            + " its schema does not define: ignore (forward compatibility: a producer a version ahead may add fields;"
            + " the app counts them and logs each new name once) or reject (a dead letter with SCHEMA_VIOLATION"
            + " naming the field).";

    // --- the HTTP surface: metrics, health, live page ---
    public static final String HTTP_HOST_CONFIG = "http.host";
    private static final String HTTP_HOST_DOC = "Address the HTTP server (/metrics, /health/live, /health/ready and"
            + " the live page at /) listens on: 127.0.0.1 for this machine only, 0.0.0.0 for every interface (as in"
            + " a container).";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "Port of the HTTP server; 0 takes a free port, printed at start-up.";
    // --- end of the HTTP surface ---

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
            .define(
                    BOOTSTRAP_SERVERS_CONFIG,
                    ConfigDef.Type.STRING,
                    "localhost:9092",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    BOOTSTRAP_SERVERS_DOC)
            .define(
                    APPLICATION_ID_CONFIG,
                    ConfigDef.Type.STRING,
                    "denoiser",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    APPLICATION_ID_DOC)
            .define(
                    INPUT_TOPIC_CONFIG,
                    ConfigDef.Type.STRING,
                    TopicNames.DEFAULT.input(),
                    TOPIC_NAME,
                    Importance.HIGH,
                    INPUT_TOPIC_DOC)
            .define(
                    OUTPUT_TOPIC_CONFIG,
                    ConfigDef.Type.STRING,
                    TopicNames.DEFAULT.output(),
                    TOPIC_NAME,
                    Importance.HIGH,
                    OUTPUT_TOPIC_DOC)
            .define(
                    DEAD_LETTER_TOPIC_CONFIG,
                    ConfigDef.Type.STRING,
                    TopicNames.DEFAULT.deadLetter(),
                    TOPIC_NAME,
                    Importance.HIGH,
                    DEAD_LETTER_TOPIC_DOC)
            .define(
                    MAX_BATCH_SIZE_CONFIG,
                    ConfigDef.Type.INT,
                    DEFAULT_MAX_BATCH_SIZE,
                    ConfigDef.Range.between(1, 4096),
                    Importance.HIGH,
                    MAX_BATCH_SIZE_DOC)
            .define(
                    PREFERRED_BATCH_SIZE_CONFIG,
                    ConfigDef.Type.INT,
                    DEFAULT_PREFERRED_BATCH_SIZE,
                    ConfigDef.Range.between(1, 4096),
                    Importance.MEDIUM,
                    PREFERRED_BATCH_SIZE_DOC)
            .define(
                    MAX_BATCH_DELAY_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    DEFAULT_MAX_BATCH_DELAY_MS,
                    ConfigDef.Range.between(1, 60_000),
                    Importance.HIGH,
                    MAX_BATCH_DELAY_MS_DOC)
            .define(
                    MAX_BATCH_PIXELS_CONFIG,
                    ConfigDef.Type.LONG,
                    BatchPolicy.DEFAULT_MAX_BATCH_PIXELS,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_BATCH_PIXELS_DOC)
            .define(
                    STALL_TIMEOUT_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    DEFAULT_STALL_TIMEOUT_MS,
                    ConfigDef.Range.between(1, 86_400_000),
                    Importance.LOW,
                    STALL_TIMEOUT_MS_DOC)
            .define(
                    PROCESSING_GUARANTEE_CONFIG,
                    ConfigDef.Type.STRING,
                    StreamsConfig.AT_LEAST_ONCE,
                    ConfigDef.ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
                    Importance.MEDIUM,
                    PROCESSING_GUARANTEE_DOC)
            .define(
                    NUM_STREAM_THREADS_CONFIG,
                    ConfigDef.Type.INT,
                    0,
                    ConfigDef.Range.between(0, 256),
                    Importance.MEDIUM,
                    NUM_STREAM_THREADS_DOC)
            .define(
                    NUM_STANDBY_REPLICAS_CONFIG,
                    ConfigDef.Type.INT,
                    0,
                    ConfigDef.Range.between(0, 16),
                    Importance.LOW,
                    NUM_STANDBY_REPLICAS_DOC)
            .define(
                    STATE_DIR_CONFIG,
                    ConfigDef.Type.STRING,
                    "work/state",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    STATE_DIR_DOC)
            .define(
                    MODEL_DIR_CONFIG,
                    ConfigDef.Type.STRING,
                    "models/default",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    MODEL_DIR_DOC)
            .define(
                    MODEL_RUNTIME_CONFIG,
                    ConfigDef.Type.STRING,
                    ModelRuntime.ONNX.configName(),
                    ConfigDef.ValidString.in(ModelRuntime.configNames()),
                    Importance.MEDIUM,
                    MODEL_RUNTIME_DOC)
            .define(
                    INFERENCE_THREADS_CONFIG,
                    ConfigDef.Type.INT,
                    0,
                    ConfigDef.Range.between(0, 1024),
                    Importance.LOW,
                    INFERENCE_THREADS_DOC)
            .define(
                    MODEL_POLL_INTERVAL_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    10_000L,
                    ConfigDef.Range.atLeast(100),
                    Importance.LOW,
                    MODEL_POLL_INTERVAL_MS_DOC)
            .define(
                    MODEL_QUALITY_MARGIN_DB_CONFIG,
                    ConfigDef.Type.DOUBLE,
                    0.5,
                    ConfigDef.Range.between(0, 100),
                    Importance.LOW,
                    MODEL_QUALITY_MARGIN_DB_DOC)
            .define(
                    MODEL_CONTROL_TOPIC_ENABLED_CONFIG,
                    ConfigDef.Type.BOOLEAN,
                    true,
                    Importance.LOW,
                    MODEL_CONTROL_TOPIC_ENABLED_DOC)
            .define(
                    STARTUP_TIMEOUT_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    60_000L,
                    ConfigDef.Range.between(1, 3_600_000),
                    Importance.LOW,
                    STARTUP_TIMEOUT_MS_DOC)
            .define(
                    SHUTDOWN_TIMEOUT_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    30_000L,
                    ConfigDef.Range.between(1, 3_600_000),
                    Importance.LOW,
                    SHUTDOWN_TIMEOUT_MS_DOC)
            .define(
                    MAX_IMAGE_WIDTH_CONFIG,
                    ConfigDef.Type.INT,
                    RecordLimits.DEFAULT_MAX_SIDE,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_IMAGE_WIDTH_DOC)
            .define(
                    MAX_IMAGE_HEIGHT_CONFIG,
                    ConfigDef.Type.INT,
                    RecordLimits.DEFAULT_MAX_SIDE,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_IMAGE_HEIGHT_DOC)
            .define(
                    MAX_ENCODED_BYTES_CONFIG,
                    ConfigDef.Type.INT,
                    DEFAULT_MAX_ENCODED_BYTES,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    MAX_ENCODED_BYTES_DOC)
            .define(
                    INPUT_UNKNOWN_FIELDS_CONFIG,
                    ConfigDef.Type.STRING,
                    UnknownFields.IGNORE.configName(),
                    ConfigDef.ValidString.in(UnknownFields.IGNORE.configName(), UnknownFields.REJECT.configName()),
                    Importance.LOW,
                    INPUT_UNKNOWN_FIELDS_DOC)
            .define(
                    HTTP_HOST_CONFIG,
                    ConfigDef.Type.STRING,
                    HttpSettings.DEFAULT_HOST,
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    HTTP_HOST_DOC)
            .define(
                    HTTP_PORT_CONFIG,
                    ConfigDef.Type.INT,
                    HttpSettings.DEFAULT_PORT,
                    ConfigDef.Range.between(0, 65_535),
                    Importance.MEDIUM,
                    HTTP_PORT_DOC);

    private StreamAppConfigDef() {}

    /** The documentation of every key, as a Markdown table, for the README. */
    public static String documentation() {
        return SettingsTable.markdown(DEFINITION);
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
                throw new ConfigException(
                        key, value, "a topic name is 1 to 249 characters of a-z, A-Z, 0-9, '.'," + " '_' and '-'");
            }
        }

        @Override
        public String toString() {
            return "a topic name: 1 to 249 of [a-zA-Z0-9._-]";
        }
    }
}
