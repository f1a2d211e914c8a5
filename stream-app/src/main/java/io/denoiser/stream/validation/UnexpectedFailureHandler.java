package io.denoiser.stream.validation;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.serde.BoundedDeadLetterSerializer;
import io.denoiser.schemas.serde.DeadLetterKeySerializer;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.metrics.DenoiserMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@code processing.exception.handler}: the safety net under {@code decode-validate}. That step routes
 * every rejection it knows to the dead-letter topic itself; anything else that escapes it while it processes a
 * record is a defect of the app that this one record triggers, and without this handler it would stop the
 * instance on every restart, since the record's offset is never committed. So the record becomes a dead letter
 * with {@link ReasonCode#PROCESSING_FAILED} (the original bytes, coordinates, and the exception in the message),
 * the stack trace goes to the log, and processing goes on.
 *
 * <p>The dead letter is written through Kafka Streams' own dead-letter mechanism (KIP-1034: the records of a
 * {@link Response#resume(List)}, sent by the task's producer, inside its transaction under exactly-once), but
 * in the app's {@code dead-letter.v1} JSON rather than Kafka's raw-bytes-and-headers form, so that the
 * dead-letter topic keeps one contract. It is written with the same key and size bound as every other dead
 * letter.
 *
 * <p>Failures elsewhere keep failing (and the uncaught-exception policy stops the instance): in the batcher or
 * a punctuation they are faults of the instance, not of the record being processed, which may be waiting in the
 * batch buffer and would then come out twice. Thread-safe after {@link #configure}.
 */
public final class UnexpectedFailureHandler implements ProcessingExceptionHandler {

    /** The dead-letter topic; set by the app's config. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "denoiser.dead.letter.topic";

    /** The most a dead letter's value may take, in bytes; set by the app's config. */
    public static final String DEAD_LETTER_MAX_BYTES_CONFIG = "denoiser.dead.letter.max.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    private final DeadLetterKeySerializer keys = new DeadLetterKeySerializer();
    private String deadLetterTopic;
    private BoundedDeadLetterSerializer letters;
    private DenoiserMetrics metrics = DenoiserMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic =
                String.valueOf(Objects.requireNonNull(configs.get(DEAD_LETTER_TOPIC_CONFIG), DEAD_LETTER_TOPIC_CONFIG));
        letters = new BoundedDeadLetterSerializer(Integer.parseInt(String.valueOf(
                Objects.requireNonNull(configs.get(DEAD_LETTER_MAX_BYTES_CONFIG), DEAD_LETTER_MAX_BYTES_CONFIG))));
        metrics = DenoiserMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (record == null || !DecodeValidateSupplier.NAME.equals(context.processorNodeId())) {
            return Response.fail();
        }
        String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        LOG.error(
                "dead letter {} for {}: {} failed unexpectedly on it; the record is set aside and processing goes on",
                ReasonCode.PROCESSING_FAILED,
                where,
                context.processorNodeId(),
                exception);
        ProducerRecord<byte[], byte[]> deadLetter = deadLetterRecord(context, record, exception);
        metrics.deadLettered(ReasonCode.PROCESSING_FAILED);
        return Response.resume(List.of(deadLetter));
    }

    private ProducerRecord<byte[], byte[]> deadLetterRecord(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        byte[] key = rawOr(context.sourceRawKey(), record.key());
        byte[] value = rawOr(context.sourceRawValue(), record.value());
        DeadLetter letter = DeadLetter.of(
                new ConsumerRecord<>(context.topic(), context.partition(), context.offset(), key, value),
                ReasonCode.PROCESSING_FAILED,
                null,
                context.processorNodeId() + " failed unexpectedly: " + describe(exception),
                System.currentTimeMillis());
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        return new ProducerRecord<>(
                deadLetterTopic,
                null,
                timestamp,
                keys.serialize(deadLetterTopic, key),
                letters.serialize(deadLetterTopic, letter));
    }

    /** The source record's bytes as Kafka Streams kept them, else the processed record's, when they are bytes. */
    private static byte[] rawOr(byte[] raw, Object processed) {
        if (raw != null) {
            return raw;
        }
        return processed instanceof byte[] bytes ? bytes : null;
    }

    private static String describe(Exception exception) {
        return exception.getClass().getName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
    }
}
