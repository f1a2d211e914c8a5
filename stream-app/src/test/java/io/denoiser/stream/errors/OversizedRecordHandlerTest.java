package io.denoiser.stream.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.fixtures.RecordingMetrics;
import io.denoiser.stream.metrics.DenoiserMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OversizedRecordHandlerTest {

    private static final String APPLICATION_ID = "denoiser-eu";

    private final OversizedRecordHandler handler = new OversizedRecordHandler();

    @BeforeEach
    void configure() {
        handler.configure(Map.of("application.id", APPLICATION_ID, "bootstrap.servers", "broker:9092"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"images.denoised", "images.dlq"})
    void shouldDropAnOutputTooLargeForKafkaAndGoOn(String sinkTopic) {
        // when
        var response = handler.handleError(new Context(), record(sinkTopic), new RecordTooLargeException("too big"));

        // then
        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldFailOnABatchBufferChangelogRecordTooLargeRatherThanLoseCrashSafety() {
        // given
        String changelog = APPLICATION_ID + "-denoise-batch-buffer-changelog";

        // when
        var response = handler.handleError(new Context(), record(changelog), new RecordTooLargeException("too big"));

        // then
        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"images.denoised", "images.dlq", "denoiser-eu-denoise-batch-buffer-changelog"})
    void shouldRetryRatherThanDropOrFailWhenASendTimesOutDuringABrokerOutage(String topic) {
        // when: the producer found no broker within delivery.timeout.ms
        var response = handler.handleError(
                new Context(),
                record(topic),
                new TimeoutException("Expiring 1 record(s) for images.denoised-0: 120001 ms has passed"));

        // then: the task is reprocessed from its last commit instead of losing the record or stopping
        assertThat(response.result()).isEqualTo(Result.RETRY);
    }

    @Test
    void shouldRetryAnyOtherTransientError() {
        // when
        var response = handler.handleError(
                new Context(), record("images.denoised"), new NotLeaderOrFollowerException("leader moved"));

        // then
        assertThat(response.result()).isEqualTo(Result.RETRY);
    }

    @Test
    void shouldCountTheRecordsItDropsAndOnlyThose() {
        RecordingMetrics metrics = new RecordingMetrics();
        handler.configure(Map.of(
                "application.id", APPLICATION_ID, "bootstrap.servers", "broker:9092", DenoiserMetrics.CONFIG, metrics));

        handler.handleError(new Context(), record("images.denoised"), new RecordTooLargeException("too big"));
        handler.handleError(
                new Context(),
                record(APPLICATION_ID + "-denoise-batch-buffer-changelog"),
                new RecordTooLargeException("too big"));

        assertThat(metrics.dropped).containsExactly("images.denoised");
    }

    @Test
    void shouldFailOnAnyOtherError() {
        // when
        var response = handler.handleError(
                new Context(), record("images.denoised"), new AuthorizationException("not allowed"));

        // then
        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, "img-0001".getBytes(StandardCharsets.UTF_8), new byte[2_000_000]);
    }

    /** The context of the record being processed when the send failed. */
    private static final class Context implements ErrorHandlerContext {
        @Override
        public String topic() {
            return "images.noisy";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 42;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "denoised-sink";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }
}
