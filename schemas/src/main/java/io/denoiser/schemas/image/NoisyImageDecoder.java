package io.denoiser.schemas.image;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.RecordLimits;
import java.util.Optional;

/**
 * Everything between a deserialized {@link NoisyImage} and its pixels: admission (UNSUPPORTED_SHAPE,
 * TOO_LARGE), then decoding (BAD_ENCODING) and the size check (SIZE_MISMATCH) of {@code data} and, on
 * request, {@code reference}. Thread-safe.
 */
public final class NoisyImageDecoder {

    private final NoisyImageAdmission admission;

    public NoisyImageDecoder(RecordLimits limits) {
        this.admission = new NoisyImageAdmission(limits);
    }

    /**
     * Checks the record against the limits, then decodes its {@code data}.
     *
     * @throws InvalidRecordException naming the field at fault
     */
    public DecodedImage decodeData(NoisyImage image) {
        admission.check(image);
        return ImageDecoder.decode(image.encoding(), image.data(), image.width(), image.height(), "data");
    }

    /** Empty when the image carries no reference. @throws InvalidRecordException naming the field at fault */
    public Optional<DecodedImage> decodeReference(NoisyImage image) {
        admission.check(image);
        if (!image.hasReference()) {
            return Optional.empty();
        }
        return Optional.of(
                ImageDecoder.decode(image.encoding(), image.reference(), image.width(), image.height(), "reference"));
    }
}
