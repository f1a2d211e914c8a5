package io.denoiser.stream.validation;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.records.NoisyImage;
import java.util.Objects;
import java.util.Optional;

/**
 * A noisy image that passed every check, with its pixels decoded.
 *
 * @param record    the record as read
 * @param noisy     its {@code data}, 8-bit grey
 * @param reference its {@code reference}, when it has one
 */
public record ValidNoisyImage(NoisyImage record, DecodedImage noisy, Optional<DecodedImage> reference) {

    public ValidNoisyImage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(noisy, "noisy");
        Objects.requireNonNull(reference, "reference");
    }
}
