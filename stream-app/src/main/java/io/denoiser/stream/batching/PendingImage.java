package io.denoiser.stream.batching;

import io.denoiser.stream.source.InputRecord;
import java.util.Objects;

/**
 * A validated noisy image waiting in the batch buffer: everything needed to publish its reconstruction or
 * dead letter later, also after a restart (original bytes, coordinates, timestamp), plus when it arrived.
 *
 * @param input     the input record as it arrived
 * @param arrivedAt wall-clock time it entered the buffer, epoch ms; drives the flush by delay
 */
public record PendingImage(InputRecord input, long arrivedAt) {

    public PendingImage {
        Objects.requireNonNull(input, "input");
    }
}
