package io.denoiser.schemas.image;

import java.util.Arrays;

/**
 * A decoded grey image: 8-bit grey levels (0 black .. 255 white), row-major. Independent of the model's own
 * image type; the stream app converts between them.
 *
 * <p>The pixel array is owned by the image: callers must not modify it after construction. Not copied, since
 * images pass through at thousands per second.
 */
// the array is the point: pixels pass through uncopied; equals and hashCode compare them by content
@SuppressWarnings("ArrayRecordComponent")
public record DecodedImage(int width, int height, byte[] pixels) {

    public DecodedImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels for a " + width + "x"
                    + height + " image, got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** The grey level at column {@code x}, row {@code y}, in 0..255. */
    public int grey(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedImage other
                && width == other.width
                && height == other.height
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + "]";
    }
}
