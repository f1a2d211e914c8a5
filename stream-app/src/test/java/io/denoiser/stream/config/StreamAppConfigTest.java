package io.denoiser.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.batching.BatchPolicy;
import io.denoiser.stream.errors.OversizedRecordHandler;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.validation.UnexpectedFailureHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamAppConfigTest {

    @TempDir
    Path folder;

    @Test
    void shouldDefaultEveryKey() {
        // when
        StreamAppConfig config = StreamAppConfig.defaults();

        // then
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("denoiser");
        assertThat(config.topics()).isEqualTo(new TopicNames("images.noisy", "images.denoised", "images.dlq"));
        assertThat(config.batching())
                .isEqualTo(new BatchPolicy(32, 8, Duration.ofMillis(10), BatchPolicy.DEFAULT_MAX_BATCH_PIXELS));
        assertThat(config.processingGuarantee()).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(config.numStreamThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.numStandbyReplicas()).isZero();
        assertThat(config.stateDir()).isEqualTo(Path.of("work/state"));
        assertThat(config.model()).isEqualTo(new ModelSettings(Path.of("models/default"), ModelRuntime.ONNX, 0));
        assertThat(config.limits()).isEqualTo(new RecordLimits(1024, 1024, 360 * 1024));
        assertThat(config.unknownFields()).isEqualTo(UnknownFields.IGNORE);
        assertThat(config.recordSizes()).isEqualTo(new RecordSizeBudget(1024 * 1024));
        assertThat(config.timeouts()).isEqualTo(new LifecycleTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30)));
        assertThat(config.batching().maxBatchPixels()).isEqualTo(1024 * 1024);
        assertThat(config.stallTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.kafkaSettings()).isEmpty();
    }

    @Test
    void shouldReadThePropertiesFile() throws IOException {
        // given
        Path file = propertiesFile(
                "input.topic=camera.frames",
                "max.batch.size=16",
                "max.image.width=640",
                "processing.guarantee=exactly_once_v2");

        // when
        StreamAppConfig config = StreamAppConfig.load(file, Map.of());

        // then
        assertThat(config.topics().input()).isEqualTo("camera.frames");
        assertThat(config.batching().maxBatchSize()).isEqualTo(16);
        assertThat(config.limits().maxWidth()).isEqualTo(640);
        assertThat(config.exactlyOnce()).isTrue();
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFile() throws IOException {
        // given
        Path file = propertiesFile("max.batch.size=16", "input.topic=camera.frames");
        Map<String, String> environment = Map.of(
                "DENOISER_MAX_BATCH_SIZE",
                "64",
                "DENOISER_MAX_BATCH_DELAY_MS",
                "5",
                "DENOISER_MODEL_DIR",
                "/models/v2");

        // when
        StreamAppConfig config = StreamAppConfig.load(file, environment);

        // then
        assertThat(config.batching())
                .isEqualTo(new BatchPolicy(64, 8, Duration.ofMillis(5), BatchPolicy.DEFAULT_MAX_BATCH_PIXELS));
        assertThat(config.model().dir()).isEqualTo(Path.of("/models/v2"));
        assertThat(config.topics().input()).isEqualTo("camera.frames");
    }

    @Test
    void shouldPassOtherKeysThroughToKafkaStreamsUntouched() throws IOException {
        // given
        Path file = propertiesFile(
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "producer.linger.ms=5",
                "consumer.max.poll.records=100");
        Map<String, String> environment =
                Map.of("DENOISER_KAFKA_SASL_JAAS_CONFIG", "secret", "DENOISER_JAVA_OPTS", "-Xmx1g");

        // when
        Properties properties = StreamAppConfig.load(file, environment).toStreamsProperties();

        // then
        assertThat(properties)
                .contains(
                        entry("security.protocol", "SASL_SSL"),
                        entry("sasl.mechanism", "PLAIN"),
                        entry("producer.linger.ms", "5"),
                        entry("consumer.max.poll.records", "100"),
                        entry("sasl.jaas.config", "secret"));
        assertThat(properties).doesNotContainKey("java.opts");
    }

    @Test
    void shouldMapTheAppsKafkaKeysToStreamsProperties() {
        // given
        StreamAppConfig config = StreamAppConfig.from(Map.of(
                "bootstrap.servers",
                "broker:9092",
                "application.id",
                "denoiser-eu",
                "num.stream.threads",
                "2",
                "num.standby.replicas",
                "1",
                "state.dir",
                "/var/lib/denoiser",
                "processing.guarantee",
                "exactly_once_v2"));

        // when
        Properties properties = config.toStreamsProperties();

        // then
        assertThat(properties)
                .contains(
                        entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092"),
                        entry(StreamsConfig.APPLICATION_ID_CONFIG, "denoiser-eu"),
                        entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2),
                        entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1),
                        entry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/denoiser"),
                        entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
        assertThat(properties).doesNotContainKeys("max.batch.size", "input.topic", "model.dir");
    }

    @Test
    void shouldPollOftenEnoughForTheBatchDelayUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.from(Map.of("max.batch.delay.ms", "40"));
        StreamAppConfig told = StreamAppConfig.from(Map.of("max.batch.delay.ms", "40", "poll.ms", "50"));

        // then
        assertThat(byDefault.toStreamsProperties()).contains(entry(StreamsConfig.POLL_MS_CONFIG, 10L));
        assertThat(told.toStreamsProperties()).contains(entry(StreamsConfig.POLL_MS_CONFIG, "50"));
    }

    @Test
    void shouldLingerBrieflyInTheProducerUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.defaults();
        StreamAppConfig told = StreamAppConfig.from(Map.of("producer.linger.ms", "50"));

        // then Kafka Streams' own 100 ms would add to every reconstruction's latency
        assertThat(byDefault.toStreamsProperties()).contains(entry("producer.linger.ms", 5));
        assertThat(told.toStreamsProperties()).contains(entry("producer.linger.ms", "50"));
    }

    @Test
    void shouldSendAFlushedBatchOfReconstructionsInOneProducerBatchUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.defaults();
        StreamAppConfig told = StreamAppConfig.from(Map.of("producer.batch.size", "16384"));

        // then 32 reconstructions of ~1.35 KB fit one producer batch, where Kafka's 16 KiB would split them in three
        assertThat(byDefault.toStreamsProperties()).contains(entry("producer.batch.size", 128 * 1024));
        assertThat(told.toStreamsProperties()).contains(entry("producer.batch.size", "16384"));
    }

    @Test
    void shouldCommitEverySecondUnderAtLeastOnceUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.defaults();
        StreamAppConfig exactlyOnce = StreamAppConfig.from(Map.of("processing.guarantee", "exactly_once_v2"));
        StreamAppConfig told = StreamAppConfig.from(Map.of("commit.interval.ms", "30000"));

        // then a 30 s interval flushes 30 s of buffer changes at once; exactly-once keeps Kafka Streams' 100 ms
        assertThat(byDefault.toStreamsProperties()).contains(entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000));
        assertThat(exactlyOnce.toStreamsProperties()).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        assertThat(told.toStreamsProperties()).contains(entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "30000"));
    }

    @Test
    void shouldChooseTheRuntimeAndThreadsFromTheEnvironment() {
        // given
        Map<String, String> environment = Map.of(
                "DENOISER_MODEL_RUNTIME",
                "dl4j-plain",
                "DENOISER_INFERENCE_THREADS",
                "3",
                "DENOISER_STARTUP_TIMEOUT_MS",
                "1500");

        // when
        StreamAppConfig config = StreamAppConfig.load(null, environment);

        // then
        assertThat(config.model().runtime()).isEqualTo(ModelRuntime.DL4J_PLAIN);
        assertThat(config.model().inferenceThreads()).isEqualTo(3);
        assertThat(config.timeouts().startup()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldHandOversizedOutputsToTheAppsHandlerUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.defaults();
        StreamAppConfig told = StreamAppConfig.from(Map.of(
                "production.exception.handler", "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler"));

        // then
        assertThat(byDefault.toStreamsProperties())
                .contains(entry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizedRecordHandler.class));
        assertThat(told.toStreamsProperties())
                .contains(entry(
                        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler"));
    }

    @Test
    void shouldDeadLetterWhatEscapesDecodeValidateUnlessToldOtherwise() {
        // given
        StreamAppConfig byDefault = StreamAppConfig.from(Map.of("dead.letter.topic", "rejects"));
        StreamAppConfig told = StreamAppConfig.from(Map.of(
                "processing.exception.handler",
                "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler"));

        // then the handler learns where dead letters go and how large they may be
        assertThat(byDefault.toStreamsProperties())
                .contains(
                        entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, UnexpectedFailureHandler.class),
                        entry(UnexpectedFailureHandler.DEAD_LETTER_TOPIC_CONFIG, "rejects"),
                        entry(
                                UnexpectedFailureHandler.DEAD_LETTER_MAX_BYTES_CONFIG,
                                String.valueOf(1024 * 1024 - 2 * 1024)));
        assertThat(told.toStreamsProperties())
                .contains(entry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        "org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler"));
    }

    @ParameterizedTest
    @CsvSource({
        "producer.max.request.size, 4194304, 4194304",
        "max.request.size, 2097152, 2097152",
        "unrelated.key, 1, 1048576",
    })
    void shouldTakeTheRecordSizeBudgetFromTheProducersMaxRequestSize(String key, String value, int expected) {
        StreamAppConfig config = StreamAppConfig.from(Map.of(key, value));

        assertThat(config.recordSizes().maxRequestSize()).isEqualTo(expected);
        assertThat(config.inputPolicy().maxRecordBytes()).isEqualTo(expected - 1024);
    }

    @Test
    void shouldPreferTheProducerPrefixedMaxRequestSizeAsKafkaStreamsDoes() {
        StreamAppConfig config =
                StreamAppConfig.from(Map.of("max.request.size", "2097152", "producer.max.request.size", "3145728"));

        assertThat(config.recordSizes().maxRequestSize()).isEqualTo(3_145_728);
    }

    @Test
    void shouldReadTheUnknownFieldsPolicy() {
        assertThat(StreamAppConfig.from(Map.of("input.unknown.fields", "reject"))
                        .inputPolicy()
                        .unknownFields())
                .isEqualTo(UnknownFields.REJECT);
    }

    @Test
    void shouldRefuseKafkaStreamsOwnDeadLettersOnTheAppsDeadLetterTopic() {
        assertThatThrownBy(() -> StreamAppConfig.from(Map.of("errors.dead.letter.queue.topic.name", "images.dlq")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("errors.dead.letter.queue.topic.name")
                .hasMessageContaining("dead.letter.topic");
    }

    @ParameterizedTest
    @CsvSource({
        "max.batch.size, many",
        "max.batch.size, 0",
        "max.batch.delay.ms, -1",
        "processing.guarantee, exactly_once",
        "num.stream.threads, -1",
        "num.standby.replicas, -1",
        "inference.threads, two",
        "inference.threads, -1",
        "model.runtime, tensorflow",
        "startup.timeout.ms, 0",
        "shutdown.timeout.ms, soon",
        "input.topic, 'images noisy'",
        "dead.letter.topic, ''",
        "max.image.width, 0",
        "max.encoded.bytes, 1e6",
        "application.id, ''",
        "input.unknown.fields, warn",
        "producer.max.request.size, 1000",
        "max.request.size, lots",
    })
    void shouldRefuseABadValueNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> StreamAppConfig.from(Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldRefuseTheSameTopicForTwoRoles() {
        assertThatThrownBy(() -> StreamAppConfig.from(Map.of("output.topic", "images.noisy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("output.topic")
                .hasMessageContaining("input.topic");
    }

    @Test
    void shouldRefuseABadValueFromTheEnvironmentNamingItsKey() {
        assertThatThrownBy(() -> StreamAppConfig.load(null, Map.of("DENOISER_MAX_BATCH_SIZE", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max.batch.size");
    }

    @Test
    void shouldNameTheConfigFileItCannotRead() {
        Path missing = folder.resolve("missing.properties");

        assertThatThrownBy(() -> StreamAppConfig.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldRefuseAStallTimeoutThatAPartialBatchWaitsByDesign() {
        assertThatThrownBy(() -> StreamAppConfig.from(Map.of("max.batch.delay.ms", "5000", "stall.timeout.ms", "5000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stall.timeout.ms")
                .hasMessageContaining("must be above max.batch.delay.ms (5000)");
    }

    @Test
    void shouldDeriveEnvironmentVariablesFromKeys() {
        assertThat(StreamAppConfigDef.environmentVariable(StreamAppConfigDef.MAX_BATCH_DELAY_MS_CONFIG))
                .isEqualTo("DENOISER_MAX_BATCH_DELAY_MS");
        assertThat(StreamAppConfigDef.environmentVariable(StreamAppConfigDef.INPUT_TOPIC_CONFIG))
                .isEqualTo("DENOISER_INPUT_TOPIC");
    }

    @Test
    void shouldDocumentEveryKey() {
        // when
        String table = StreamAppConfigDef.documentation();

        // then
        assertThat(table.lines())
                .hasSize(2 + StreamAppConfigDef.DEFINITION.names().size());
        for (String key : StreamAppConfigDef.DEFINITION.names()) {
            assertThat(table).contains("| `" + key + "` | `" + StreamAppConfigDef.environmentVariable(key) + "` |");
        }
        assertThat(table)
                .contains("| `model.runtime` | `DENOISER_MODEL_RUNTIME` | `onnx` | [onnx, dl4j, dl4j-plain] |");
    }

    @Test
    void shouldDocumentEveryKeyInTheReadme() throws IOException {
        // surefire runs in the module's directory
        String readme = Files.readString(Path.of("..", "README.md"));
        String settings = readme.substring(readme.indexOf("### Settings"), readme.indexOf("The table is generated"));

        for (String key : StreamAppConfigDef.DEFINITION.names()) {
            assertThat(settings).contains("`" + key + "`");
        }
    }

    private Path propertiesFile(String... lines) throws IOException {
        return Files.write(folder.resolve("denoiser.properties"), List.of(lines));
    }
}
