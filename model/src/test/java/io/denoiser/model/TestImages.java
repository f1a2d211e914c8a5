package io.denoiser.model;

import io.denoiser.model.image.GrayImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small images for tests, made from a seed so every run sees the same pixels. */
public final class TestImages {

    private TestImages() {}

    public static GrayImage random(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return new GrayImage(width, height, pixels);
    }

    /** {@code count} images of random pixels, all made from one seed. */
    public static List<GrayImage> randomBatch(int count, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(random(width, height, random.nextLong()));
        }
        return images;
    }

    public static GrayImage constant(int width, int height, float value) {
        float[] pixels = new float[width * height];
        java.util.Arrays.fill(pixels, value);
        return new GrayImage(width, height, pixels);
    }

    /** A bright square on a dark background, like a thick pen stroke. */
    public static GrayImage square(int width, int height) {
        float[] pixels = new float[width * height];
        for (int y = height / 4; y < 3 * height / 4; y++) {
            for (int x = width / 4; x < 3 * width / 4; x++) {
                pixels[y * width + x] = 1f;
            }
        }
        return new GrayImage(width, height, pixels);
    }
}
