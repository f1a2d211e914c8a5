package io.denoiser.schemas.image;

import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;

/**
 * The width and height a record declares for one of its image fields; decoded images must match it, else
 * {@link ReasonCode#SIZE_MISMATCH}.
 *
 * @param width  declared width in pixels
 * @param height declared height in pixels
 * @param field  the image field being decoded, {@code data} or {@code reference}, for error messages
 */
record DeclaredSize(int width, int height, String field) {

    long pixelCount() {
        return (long) width * height;
    }

    void requirePngDimensions(int actualWidth, int actualHeight) {
        if (actualWidth != width || actualHeight != height) {
            throw new InvalidRecordException(
                    ReasonCode.SIZE_MISMATCH,
                    field,
                    field + " is a " + actualWidth + "x" + actualHeight + " PNG, but the record declares " + width + "x"
                            + height);
        }
    }

    void requireRawByteCount(int actualBytes) {
        if (actualBytes != pixelCount()) {
            throw new InvalidRecordException(
                    ReasonCode.SIZE_MISMATCH,
                    field,
                    field + " holds " + actualBytes + " bytes, but a " + width + "x" + height
                            + " raw-u8 image with 1 channel needs " + pixelCount());
        }
    }
}
