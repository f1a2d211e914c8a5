package io.denoiser.model.data;

import io.denoiser.model.image.GrayImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Images of one shape packed into one float array (row-major, image after image, values in [0, 1]),
 * with where they came from and the SHA-256 of the source files. Packed because the trainer walks
 * 60,000 images per epoch and one array keeps that cheap.
 */
// one packed array is the point (see above); sets are never compared or hashed
@SuppressWarnings("ArrayRecordComponent")
public record ImageSet(String source, String sha256, int width, int height, int count, float[] pixels) {

    public ImageSet {
        if (count <= 0) {
            throw new IllegalArgumentException(source + " holds no images");
        }
        if (pixels.length != (long) count * width * height) {
            throw new IllegalArgumentException(
                    "pixel array does not match " + count + " images of " + width + "x" + height);
        }
    }

    public int imageSize() {
        return width * height;
    }

    public GrayImage image(int index) {
        int size = imageSize();
        return new GrayImage(width, height, Arrays.copyOfRange(pixels, index * size, (index + 1) * size));
    }

    public List<GrayImage> images() {
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(image(i));
        }
        return images;
    }

    /** The first {@code n} images (all of them if there are fewer). */
    public ImageSet first(int n) {
        int kept = Math.min(n, count);
        return new ImageSet(source, sha256, width, height, kept, Arrays.copyOf(pixels, kept * imageSize()));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public ImageSet range(int from, int to) {
        if (from < 0 || to > count || from >= to) {
            throw new IllegalArgumentException("no images in range [" + from + ", " + to + ") of " + count);
        }
        return new ImageSet(
                source + "[" + from + ":" + to + "]",
                sha256,
                width,
                height,
                to - from,
                Arrays.copyOfRange(pixels, from * imageSize(), to * imageSize()));
    }
}
