package io.denoiser.model.image;

import java.util.Arrays;

/**
 * A single-channel image with pixel values in [0, 1], row-major. The one image type shared by the
 * trainer, the metrics and the stream app.
 *
 * <p>The pixel array is owned by the image: callers must not modify it after construction.
 */
// the array is the point: pixels pass through uncopied; equals and hashCode compare them by content
@SuppressWarnings("ArrayRecordComponent")
public record GrayImage(int width, int height, float[] pixels) {

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels == null || pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels for a " + width + "x" + height
                    + " image, got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** Converts 8-bit grey levels (0..255, row-major) into an image scaled into [0, 1]. */
    public static GrayImage fromBytes(int width, int height, byte[] greyLevels) {
        float[] pixels = new float[greyLevels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (greyLevels[i] & 0xFF) / 255f;
        }
        return new GrayImage(width, height, pixels);
    }

    /** Rounds each pixel to the nearest of 256 grey levels, clipping into [0, 1] first. */
    public byte[] toBytes() {
        byte[] levels = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            float clipped = Math.min(1f, Math.max(0f, pixels[i]));
            levels[i] = (byte) nearestLevel(clipped * 255f);
        }
        return levels;
    }

    /**
     * {@code Math.round} of a float in [0, 255], exactly: adding one half in double is exact for such a float, and
     * the cast then floors it. Why not {@code Math.round}: it is not compiled to a single instruction on JDK 17 and
     * was a third of the model-call threads' Java time at half load (docs/BENCHMARKS.md). NaN gives 0, as there.
     */
    static int nearestLevel(float scaled) {
        return (int) ((double) scaled + 0.5);
    }

    public float pixel(int x, int y) {
        return pixels[y * width + x];
    }

    public int pixelCount() {
        return pixels.length;
    }

    public boolean sameShapeAs(GrayImage other) {
        return width == other.width && height == other.height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayImage other
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
        return "GrayImage[" + width + "x" + height + "]";
    }
}
