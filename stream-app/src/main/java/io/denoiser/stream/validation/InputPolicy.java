package io.denoiser.stream.validation;

import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.RecordLimits;
import java.util.Objects;

/**
 * What the app admits from the input topic.
 *
 * @param limits         what a noisy image may declare (width, height, base64 lengths)
 * @param maxRecordBytes the largest record, key and value together, whose batch-buffer entry still fits in
 *                       one Kafka record (see {@code RecordSizeBudget})
 * @param unknownFields  whether unknown top-level fields are ignored or rejected
 */
public record InputPolicy(RecordLimits limits, int maxRecordBytes, UnknownFields unknownFields) {

    public InputPolicy {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(unknownFields, "unknownFields");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, got " + maxRecordBytes);
        }
    }
}
