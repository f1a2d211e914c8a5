package io.denoiser.stream.validation;

import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.RecordingMetrics;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.metrics.DenoiserMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever escapes {@code decode-validate} becomes a PROCESSING_FAILED dead letter and processing goes on; what
 * escapes another node still fails. The topology here has the app's node names and settings but processors of
 * its own that fail on command, since the real ones have no known way left to fail.
 */
class UnexpectedFailureHandlerTest {

    private static final String BOOM = "boom";

    @TempDir
    Path stateDir;

    /** The app's first two nodes by name, each relaying records on, the named one throwing on "boom". */
    private static Topology topology(StreamAppConfig config, String failingNode) {
        String first = DecodeValidateSupplier.NAME;
        String second = "denoise-batcher";
        return new Topology()
                .addSource(
                        "source",
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(),
                        config.topics().input())
                .addProcessor(first, () -> new Relay(first.equals(failingNode)), "source")
                .addProcessor(second, () -> new Relay(second.equals(failingNode)), first)
                .addSink(
                        "sink", config.topics().output(), new ByteArraySerializer(), new ByteArraySerializer(), second);
    }

    @Test
    void shouldDeadLetterWhatEscapesDecodeValidateAndGoOn() {
        // given
        StreamAppConfig config = config(stateDir);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                topology(config, DecodeValidateSupplier.NAME),
                config.toStreamsProperties(),
                TestData.WALL_CLOCK_START)) {
            TestInputTopic<String, byte[]> input = input(driver, config);

            // when
            input.pipeInput("img-1", utf8(BOOM));
            input.pipeInput("img-2", utf8("fine"));

            // then
            List<TestRecord<String, byte[]>> deadLetters = deadLetters(driver, config);
            assertThat(deadLetters).singleElement().satisfies(record -> {
                DeadLetter letter = RecordSerdes.deadLetter().deserializer().deserialize("dlq", record.value());
                assertThat(record.key()).isEqualTo("img-1");
                assertThat(letter.reason()).isEqualTo(ReasonCode.PROCESSING_FAILED);
                assertThat(letter.originalKeyBytes()).isEqualTo(utf8("img-1"));
                assertThat(letter.originalValueBytes()).isEqualTo(utf8(BOOM));
                assertThat(letter.sourceTopic()).isEqualTo(config.topics().input());
                assertThat(letter.sourceOffset()).isZero();
                assertThat(letter.message())
                        .contains(DecodeValidateSupplier.NAME, "IllegalStateException", "failed on command");
            });
            assertThat(output(driver, config).readValuesToList()).containsExactly(utf8("fine"));
        }
    }

    @Test
    void shouldCountTheDeadLetterItMakes() {
        // given the metrics in the settings, as the app's lifecycle puts them
        StreamAppConfig config = config(stateDir);
        Properties properties = config.toStreamsProperties();
        RecordingMetrics metrics = new RecordingMetrics();
        properties.put(DenoiserMetrics.CONFIG, metrics);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                topology(config, DecodeValidateSupplier.NAME), properties, TestData.WALL_CLOCK_START)) {

            // when
            input(driver, config).pipeInput("img-1", utf8(BOOM));

            // then
            assertThat(deadLetters(driver, config)).hasSize(1);
            assertThat(metrics.deadLetters).containsExactly(Map.entry(ReasonCode.PROCESSING_FAILED, 1));
        }
    }

    @Test
    void shouldStopTheInstanceWithoutTheHandlerAsBefore() {
        // given the app's settings without its processing exception handler
        StreamAppConfig config = config(stateDir);
        Properties properties = config.toStreamsProperties();
        properties.remove(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                topology(config, DecodeValidateSupplier.NAME), properties, TestData.WALL_CLOCK_START)) {

            // then: the defect the handler covers
            assertThatThrownBy(() -> input(driver, config).pipeInput("img-1", utf8(BOOM)))
                    .isInstanceOf(StreamsException.class);
        }
    }

    @Test
    void shouldStillFailOnAFailureOutsideDecodeValidate() {
        // given a failure in a later node, where the record may already wait in the batch buffer
        StreamAppConfig config = config(stateDir);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                topology(config, "denoise-batcher"), config.toStreamsProperties(), TestData.WALL_CLOCK_START)) {

            // then
            assertThatThrownBy(() -> input(driver, config).pipeInput("img-1", utf8(BOOM)))
                    .isInstanceOf(StreamsException.class);
            assertThat(deadLetters(driver, config)).isEmpty();
        }
    }

    private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, StreamAppConfig config) {
        return driver.createInputTopic(config.topics().input(), new StringSerializer(), new ByteArraySerializer());
    }

    private static TestOutputTopic<String, byte[]> output(TopologyTestDriver driver, StreamAppConfig config) {
        return driver.createOutputTopic(
                config.topics().output(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TestRecord<String, byte[]>> deadLetters(TopologyTestDriver driver, StreamAppConfig config) {
        return driver.createOutputTopic(
                        config.topics().deadLetter(), new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    /** Forwards each record, or, when it fails, throws on "boom". */
    private static final class Relay implements Processor<byte[], byte[], byte[], byte[]> {

        private final boolean fails;
        private ProcessorContext<byte[], byte[]> context;

        Relay(boolean fails) {
            this.fails = fails;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (fails && BOOM.equals(new String(record.value(), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("failed on command");
            }
            context.forward(record);
        }
    }
}
