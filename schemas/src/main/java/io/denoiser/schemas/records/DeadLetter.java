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
 * <p>Original bytes too large to carry whole are carried as an {@link OmittedBytes} summary instead (see
 * {@link #withOriginalValueOmitted}); {@code io.denoiser.schemas.serde.BoundedDeadLetterSerializer} does that
 * when a dead letter would not fit in a Kafka record.
 *
 * @param originalKey          optional original key bytes, base64; absent when the key was null or omitted
 * @param originalKeyOmitted   optional summary of the original key, present exactly when it was too large to carry
 * @param originalValue        optional original value bytes, base64; absent when the value was null or omitted
 * @param originalValueOmitted optional summary of the original value, present exactly when it was too large to
 *                             carry
 * @param sourceTopic          topic the record was read from
 * @param sourcePartition      partition the record was read from
 * @param sourceOffset         offset of the record in that partition
 * @param reason               why it failed
 * @param field                optional field at fault, dotted for nested fields
 * @param message              what failed, for humans
 * @param failedAt             when it failed, epoch milliseconds
 */
public record DeadLetter(
        String originalKey,
        OmittedBytes originalKeyOmitted,
        String originalValue,
        OmittedBytes originalValueOmitted,
        @Required String sourceTopic,
        @Required int sourcePartition,
        @Required long sourceOffset,
        @Required ReasonCode reason,
        String field,
        @Required String message,
        @Required long failedAt) {

    /** Throws {@link InvalidRecordException} (SCHEMA_VIOLATION) naming the first offending field. */
    public DeadLetter {
        requireNotBoth(originalKey, originalKeyOmitted, "originalKey");
        requireNotBoth(originalValue, originalValueOmitted, "originalValue");
        requireNonEmpty(sourceTopic, "sourceTopic");
        requireAtLeast(sourcePartition, 0, "sourcePartition");
        requireAtLeast(sourceOffset, 0, "sourceOffset");
        requirePresent(reason, "reason");
        requireNonEmptyIfPresent(field, "field");
        requireNonEmpty(message, "message");
        requireAtLeast(failedAt, 0, "failedAt");
    }

    /**
     * A dead letter for a raw record that failed for the given reason. Never fails for any key, value, field or
     * message: an empty field is left out, long texts are cut and unpaired surrogates replaced (the source's
     * coordinates must be a real record's: a topic, partition and offset of at least 0).
     */
    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> source, ReasonCode reason, String field, String message, long failedAt) {
        return new DeadLetter(
                base64(source.key()),
                null,
                base64(source.value()),
                null,
                source.topic(),
                source.partition(),
                source.offset(),
                reason,
                DeadLetterText.field(field),
                DeadLetterText.message(message, reason),
                Math.max(0, failedAt));
    }

    /** A dead letter for a raw record that was rejected with the given exception; never fails, as above. */
    public static DeadLetter of(
            ConsumerRecord<byte[], byte[]> source, InvalidRecordException rejection, long failedAt) {
        return of(source, rejection.reason(), rejection.field().orElse(null), rejection.getMessage(), failedAt);
    }

    /** The original key bytes, or {@code null} when the key was null or omitted. */
    public byte[] originalKeyBytes() {
        return originalKey == null ? null : Base64.getDecoder().decode(originalKey);
    }

    /** The original value bytes, or {@code null} when the value was null or omitted. */
    public byte[] originalValueBytes() {
        return originalValue == null ? null : Base64.getDecoder().decode(originalValue);
    }

    /**
     * This dead letter with the original value carried as its summary, with a prefix of at most
     * {@code prefixBytes} bytes; unchanged when the value was null.
     */
    public DeadLetter withOriginalValueOmitted(int prefixBytes) {
        OmittedBytes omitted = omit(originalValueBytes(), originalValueOmitted, prefixBytes);
        return omitted == null
                ? this
                : new DeadLetter(
                        originalKey,
                        originalKeyOmitted,
                        null,
                        omitted,
                        sourceTopic,
                        sourcePartition,
                        sourceOffset,
                        reason,
                        field,
                        message,
                        failedAt);
    }

    /** As {@link #withOriginalValueOmitted}, for the original key. */
    public DeadLetter withOriginalKeyOmitted(int prefixBytes) {
        OmittedBytes omitted = omit(originalKeyBytes(), originalKeyOmitted, prefixBytes);
        return omitted == null
                ? this
                : new DeadLetter(
                        null,
                        omitted,
                        originalValue,
                        originalValueOmitted,
                        sourceTopic,
                        sourcePartition,
                        sourceOffset,
                        reason,
                        field,
                        message,
                        failedAt);
    }

    /** This dead letter with its message cut to at most {@code maxChars} characters (plus the mark of a cut). */
    public DeadLetter withMessageOfAtMost(int maxChars) {
        String shorter = DeadLetterText.cut(message, maxChars);
        return shorter.equals(message)
                ? this
                : new DeadLetter(
                        originalKey,
                        originalKeyOmitted,
                        originalValue,
                        originalValueOmitted,
                        sourceTopic,
                        sourcePartition,
                        sourceOffset,
                        reason,
                        field,
                        shorter,
                        failedAt);
    }

    private static OmittedBytes omit(byte[] carried, OmittedBytes alreadyOmitted, int prefixBytes) {
        if (carried != null) {
            return OmittedBytes.of(carried, prefixBytes);
        }
        return alreadyOmitted == null ? null : alreadyOmitted.withPrefixOfAtMost(prefixBytes);
    }

    private static void requireNotBoth(String carried, OmittedBytes omitted, String field) {
        if (carried != null && omitted != null) {
            throw InvalidRecordException.schemaViolation(
                    field + "Omitted", field + "Omitted must be left out when " + field + " is present");
        }
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
