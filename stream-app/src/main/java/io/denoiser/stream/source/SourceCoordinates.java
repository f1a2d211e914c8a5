package io.denoiser.stream.source;

import java.util.Objects;

/** Where a record was read: its topic, partition and offset. Dead letters and log lines carry them. */
public record SourceCoordinates(String topic, int partition, long offset) {

    public SourceCoordinates {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "partition and offset must not be negative, got " + partition + " and " + offset);
        }
    }

    /** {@code images.noisy-3@1234}, the form Kafka's tools use for a topic partition. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
