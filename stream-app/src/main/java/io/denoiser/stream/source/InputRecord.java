package io.denoiser.stream.source;

import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A record of the input topic as it arrived: its coordinates, its key and value bytes untouched (so that a
 * dead letter can carry them) and its Kafka timestamp. Key and value may be {@code null}.
 *
 * <p>The arrays are owned by the record: callers must not modify them.
 */
// the arrays are the point: Kafka's bytes pass through uncopied; equals and hashCode compare them by content
@SuppressWarnings("ArrayRecordComponent")
public record InputRecord(SourceCoordinates source, byte[] key, byte[] value, long timestamp) {

    public InputRecord {
        Objects.requireNonNull(source, "source");
    }

    /** The record being processed, with the coordinates of the context it is processed in. */
    public static InputRecord of(Record<byte[], byte[]> record, RecordMetadata metadata) {
        return new InputRecord(
                new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset()),
                record.key(),
                record.value(),
                record.timestamp());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputRecord other
                && source.equals(other.source)
                && timestamp == other.timestamp
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, timestamp, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "InputRecord[" + source + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
