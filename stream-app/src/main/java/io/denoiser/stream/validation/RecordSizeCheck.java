package io.denoiser.stream.validation;

import io.denoiser.schemas.serde.DeadLetterKeySerializer;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.source.InputRecord;

/**
 * The first check of an input record, before anything is parsed: whether the app can carry it through Kafka.
 * An admitted image waits in the batch buffer, whose changelog entry holds its key and value, and Kafka refuses
 * an entry above the producer's {@code max.request.size}: such a refusal stops the instance, on every restart.
 * Keys are bounded on their own too, since every output repeats the key: an image's id is at most 256
 * characters. Both failures are TOO_LARGE without a field. Stateless.
 */
final class RecordSizeCheck {

    static final int MAX_KEY_BYTES = DeadLetterKeySerializer.MAX_KEY_BYTES;

    private final int maxRecordBytes;

    RecordSizeCheck(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    void check(InputRecord input) {
        long key = lengthOf(input.key());
        long value = lengthOf(input.value());
        if (key > MAX_KEY_BYTES) {
            throw tooLarge("the record's key is " + key + " bytes, above the limit of " + MAX_KEY_BYTES
                    + " (an image's id, its usual key, is at most 256 characters)");
        }
        if (key + value > maxRecordBytes) {
            throw tooLarge("the record is " + (key + value) + " bytes (key " + key + ", value " + value
                    + "), above the limit of " + maxRecordBytes + " that keeps its batch-buffer entry within the"
                    + " producer's max.request.size");
        }
    }

    private static InvalidRecordException tooLarge(String message) {
        return new InvalidRecordException(ReasonCode.TOO_LARGE, null, "cannot admit NoisyImage: " + message);
    }

    private static long lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
