package io.denoiser.schemas.serde;

import io.denoiser.schemas.records.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a dead letter as UTF-8 JSON of at most {@code maxBytes} (less the record's headers), so that a dead
 * letter is never refused for its size and dropped. A dead letter carries its original bytes as base64, 4/3 of
 * their size: an input near Kafka's limit would make a dead letter above it. When the whole letter does not
 * fit, the originals give way one step at a time, each step keeping as much as fits:
 *
 * <ol>
 *   <li>the original value is carried as its size, SHA-256 and first {@value #PREFIX_BYTES} bytes
 *       ({@code originalValueOmitted});
 *   <li>then the original key the same way ({@code originalKeyOmitted});
 *   <li>then both without their prefixes;
 *   <li>then the message cut to {@value #SHORT_MESSAGE_CHARS} characters.
 * </ol>
 *
 * After the last step a dead letter is at most a few KiB (every text in it is bounded), so any
 * {@code maxBytes} of {@value #MIN_MAX_BYTES} or more holds it. {@code null} stays {@code null}. Thread-safe.
 */
public final class BoundedDeadLetterSerializer implements Serializer<DeadLetter> {

    /** How much of an omitted original a dead letter keeps: enough to recognise a JSON record's head. */
    public static final int PREFIX_BYTES = 1024;

    /** The smallest budget that always holds a dead letter after the last step, with a wide margin. */
    public static final int MIN_MAX_BYTES = 32 * 1024;

    static final int SHORT_MESSAGE_CHARS = 200;

    private final JsonRecordSerializer<DeadLetter> json = new JsonRecordSerializer<>(DeadLetter.class);
    private final int maxBytes;

    /** @param maxBytes the most a dead letter's value and headers may take, at least {@value #MIN_MAX_BYTES} */
    public BoundedDeadLetterSerializer(int maxBytes) {
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "a dead letter needs at least " + MIN_MAX_BYTES + " bytes to always fit, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    @Override
    public byte[] serialize(String topic, DeadLetter letter) {
        return serialize(letter, maxBytes);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, DeadLetter letter) {
        return serialize(letter, maxBytes - sizeOf(headers));
    }

    private byte[] serialize(DeadLetter letter, int budget) {
        if (letter == null) {
            return null;
        }
        byte[] written = json.serialize(null, letter);
        if (written.length <= budget) {
            return written;
        }
        DeadLetter smaller = letter.withOriginalValueOmitted(PREFIX_BYTES);
        written = json.serialize(null, smaller);
        if (written.length <= budget) {
            return written;
        }
        smaller = smaller.withOriginalKeyOmitted(PREFIX_BYTES);
        written = json.serialize(null, smaller);
        if (written.length <= budget) {
            return written;
        }
        smaller = smaller.withOriginalValueOmitted(0).withOriginalKeyOmitted(0);
        written = json.serialize(null, smaller);
        if (written.length <= budget) {
            return written;
        }
        return json.serialize(null, smaller.withMessageOfAtMost(SHORT_MESSAGE_CHARS));
    }

    private static int sizeOf(Headers headers) {
        if (headers == null) {
            return 0;
        }
        int size = 0;
        for (Header header : headers) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length;
            size += header.value() == null ? 0 : header.value().length;
        }
        return size;
    }
}
