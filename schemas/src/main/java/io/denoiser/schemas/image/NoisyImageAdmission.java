package io.denoiser.schemas.image;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import java.util.Objects;

/**
 * Decides whether a schema-valid noisy image may be decoded: its shape must be supported
 * ({@link ReasonCode#UNSUPPORTED_SHAPE}) and its declared size and payloads within the limits
 * ({@link ReasonCode#TOO_LARGE}). It looks only at declared values and string lengths, never at pixels, so
 * it is cheap and runs before any allocation that the record could inflate.
 */
public final class NoisyImageAdmission {

    /** The only channel count the pipeline handles for now; 3 is reserved in the schema. */
    public static final int SUPPORTED_CHANNELS = 1;

    private final RecordLimits limits;

    public NoisyImageAdmission(RecordLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns normally when the image may be decoded; the shape is checked before the limits. */
    public void check(NoisyImage image) {
        requireSupportedChannels(image.channels());
        requireAtMost(image.width(), limits.maxWidth(), "width", "pixels");
        requireAtMost(image.height(), limits.maxHeight(), "height", "pixels");
        requireAtMost(image.data().length(), limits.maxEncodedBytes(), "data", "bytes of base64");
        if (image.reference() != null) {
            requireAtMost(image.reference().length(), limits.maxEncodedBytes(), "reference", "bytes of base64");
        }
    }

    private static void requireSupportedChannels(int channels) {
        if (channels != SUPPORTED_CHANNELS) {
            throw new InvalidRecordException(
                    ReasonCode.UNSUPPORTED_SHAPE,
                    "channels",
                    "channels " + channels + " is not supported yet, only " + SUPPORTED_CHANNELS + " (grey)");
        }
    }

    private static void requireAtMost(long value, long limit, String field, String unit) {
        if (value > limit) {
            throw new InvalidRecordException(
                    ReasonCode.TOO_LARGE, field, field + " is " + value + " " + unit + ", above the limit of " + limit);
        }
    }
}
