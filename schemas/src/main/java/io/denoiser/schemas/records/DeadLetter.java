package io.denoiser.schemas.records;

import static io.denoiser.schemas.validation.FieldChecks.requireAtLeast;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmpty;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmptyIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requirePresent;

import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record the app could not process, as published on the dead-letter topic
 * ({@code dead-letter.v1.schema.json}): the original bytes, where they came from, and why they failed.
 *
 * @param originalKey     optional original key bytes, base64; absent when the key was null
 * @param originalValue   optional original value bytes, base64; absent when the value was null
 * @param sourceTopic     topic the record was read from
 * @param sourcePartition partition the record was read from
 * @param sourceOffset    offset of the record in that partition
 * @param reason          why it failed
 * @param field           optional field at fault, dotted for nested fields
 * @param message         what failed, for humans
 * @param failedAt        when it failed, epoch milliseconds
 */
public record DeadLetter(
        String originalKey,
        String originalValue,
        @Required String sourceTopic,
        @Required int sourcePartition,
        @Required long sourceOffset,
        @Required ReasonCode reason,
        String field,
        @Required String message,
        @Required long failedAt) {

    /** Throws {@link InvalidRecordException} (SCHEMA_VIOLATION) naming the first offending field. */
    public DeadLetter {
        requireNonEmpty(sourceTopic, "sourceTopic");
        requireAtLeast(sourcePartition, 0, "sourcePartition");
        requireAtLeast(sourceOffset, 0, "sourceOffset");
        requirePresent(reason, "reason");
        requireNonEmptyIfPresent(field, "field");
        requireNonEmpty(message, "message");
        requireAtLeast(failedAt, 0, "failedAt");
    }

    /** A dead letter for a raw record that failed for the given reason. */
    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> source, ReasonCode reason, String field, String message, long failedAt) {
        return new DeadLetter(
                base64(source.key()),
                base64(source.value()),
                source.topic(),
                source.partition(),
                source.offset(),
                reason,
                field,
                message,
                failedAt);
    }

    /** A dead letter for a raw record that was rejected with the given exception. */
    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> source, InvalidRecordException rejection, long failedAt) {
        return of(source, rejection.reason(), rejection.field().orElse(null), rejection.getMessage(), failedAt);
    }

    /** The original key bytes, or {@code null} when the key was null. */
    public byte[] originalKeyBytes() {
        return originalKey == null ? null : Base64.getDecoder().decode(originalKey);
    }

    /** The original value bytes, or {@code null} when the value was null. */
    public byte[] originalValueBytes() {
        return originalValue == null ? null : Base64.getDecoder().decode(originalValue);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
