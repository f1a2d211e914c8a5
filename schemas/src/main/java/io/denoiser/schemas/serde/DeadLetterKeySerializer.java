package io.denoiser.schemas.serde;

import java.util.Arrays;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka key of a dead letter: the original key, cut to its first {@value #MAX_KEY_BYTES} bytes when longer.
 * Why cut: any producer may send a key of nearly a megabyte, and the dead letter's key and value must fit in one
 * Kafka record together. A cut key still partitions the same original key the same way; the whole key, or its
 * summary, is in the dead letter's {@code originalKey} or {@code originalKeyOmitted}. {@code null} stays
 * {@code null}. Stateless and thread-safe.
 */
public final class DeadLetterKeySerializer implements Serializer<byte[]> {

    /** Four times the longest id (256 characters, at most 4 UTF-8 bytes each). */
    public static final int MAX_KEY_BYTES = 1024;

    @Override
    public byte[] serialize(String topic, byte[] key) {
        return key == null || key.length <= MAX_KEY_BYTES ? key : Arrays.copyOf(key, MAX_KEY_BYTES);
    }
}
