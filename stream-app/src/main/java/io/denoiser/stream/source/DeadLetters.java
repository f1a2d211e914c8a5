package io.denoiser.stream.source;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the dead letter of an input record and logs one WARN line with the same reason and coordinates, so
 * that every routed failure can be found both on the dead-letter topic and in the log. Stateless.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private DeadLetters() {}

    /** A record the schemas' checks refused (any reason an input can cause by itself). */
    public static DeadLetter rejected(InputRecord input, InvalidRecordException rejection, long failedAt) {
        DeadLetter letter = DeadLetter.of(consumerRecord(input), rejection, failedAt);
        LOG.warn("dead letter {} for {}: {}", letter.reason(), input.source(), loggable(letter.message()));
        return letter;
    }

    /** A valid image the model failed on; the cause's stack trace goes to the log. */
    public static DeadLetter inferenceFailed(InputRecord input, String problem, RuntimeException cause, long failedAt) {
        String message = problem + ": " + describe(cause);
        LOG.warn("dead letter {} for {}: {}", ReasonCode.INFERENCE_FAILED, input.source(), message, cause);
        return DeadLetter.of(consumerRecord(input), ReasonCode.INFERENCE_FAILED, null, message, failedAt);
    }

    /**
     * A batch buffer entry the app cannot read back (corrupt, or written by a newer build): the original bytes
     * are lost with it, so the dead letter carries none, only where the original record is.
     */
    public static DeadLetter unreadableBufferEntry(SourceCoordinates source, String message, long failedAt) {
        LOG.warn("dead letter {} for {}: {}", ReasonCode.UNREADABLE_BUFFER_ENTRY, source, message);
        return DeadLetter.of(
                new ConsumerRecord<>(source.topic(), source.partition(), source.offset(), null, null),
                ReasonCode.UNREADABLE_BUFFER_ENTRY,
                null,
                message,
                failedAt);
    }

    private static ConsumerRecord<byte[], byte[]> consumerRecord(InputRecord input) {
        SourceCoordinates source = input.source();
        return new ConsumerRecord<>(source.topic(), source.partition(), source.offset(), input.key(), input.value());
    }

    /**
     * The message as one log line: it quotes the input (field names, values), which may hold line breaks that
     * would forge log lines. DeadLetter.of has cut it to 1,000 characters.
     */
    private static String loggable(String message) {
        return CONTROL.matcher(message).replaceAll("?");
    }

    private static String describe(RuntimeException cause) {
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
