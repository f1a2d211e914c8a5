package io.denoiser.stream.batching;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The batch buffer's value format, also on its changelog topic. Binary, since the buffer holds the original
 * bytes and is written and read once per image:
 *
 * <pre>
 * version (1 byte, {@value #VERSION})
 * topic length (int) + topic (UTF-8), partition (int), offset (long), timestamp (long), arrivedAt (long)
 * key length (int, -1 for null) + key bytes, value length (int, -1 for null) + value bytes
 * </pre>
 *
 * A change of layout needs a new version byte, as a restarted app reads what an older one buffered.
 * Stateless and thread-safe.
 */
public final class PendingImageSerde implements Serde<PendingImage> {

    static final byte VERSION = 1;
    private static final int NULL_LENGTH = -1;

    @Override
    public Serializer<PendingImage> serializer() {
        return (topic, image) -> image == null ? null : write(image);
    }

    @Override
    public Deserializer<PendingImage> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(PendingImage image) {
        InputRecord input = image.input();
        byte[] topic = input.source().topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1
                + Integer.BYTES
                + topic.length
                + Integer.BYTES
                + 3 * Long.BYTES
                + lengthOf(input.key())
                + lengthOf(input.value()));
        buffer.put(VERSION);
        buffer.putInt(topic.length).put(topic);
        buffer.putInt(input.source().partition()).putLong(input.source().offset());
        buffer.putLong(input.timestamp()).putLong(image.arrivedAt());
        putBytes(buffer, input.key());
        putBytes(buffer, input.value());
        return buffer.array();
    }

    private static PendingImage read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            byte version = buffer.get();
            if (version != VERSION) {
                throw new SerializationException(
                        "batch buffer entry has format version " + version + ", this build reads " + VERSION);
            }
            String topic = new String(getBytes(buffer), StandardCharsets.UTF_8);
            SourceCoordinates source = new SourceCoordinates(topic, buffer.getInt(), buffer.getLong());
            long timestamp = buffer.getLong();
            long arrivedAt = buffer.getLong();
            InputRecord input = new InputRecord(source, getBytes(buffer), getBytes(buffer), timestamp);
            return new PendingImage(input, arrivedAt);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("batch buffer entry of " + bytes.length + " bytes is corrupt", e);
        }
    }

    private static int lengthOf(byte[] bytes) {
        return Integer.BYTES + (bytes == null ? 0 : bytes.length);
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(NULL_LENGTH);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length == NULL_LENGTH) {
            return null;
        }
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("a length of " + length + " with " + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
