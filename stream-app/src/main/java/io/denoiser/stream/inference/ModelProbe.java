package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Probe images: seeded random pixels, so that every weight and every border of the network takes part in the
 * result. {@link RuntimeCheck} compares runtimes on them at start-up; {@link ModelCalls} asks whether a model that
 * failed on a batch still denoises one at all.
 */
final class ModelProbe {

    private static final long SEED = 20_260_101L;
    /**
     * MNIST's side: every artifact of this project's trainer declares 28 x 28 inputs, and the network is fully
     * convolutional, so any working model denoises an image of this size.
     */
    private static final int SIDE = 28;

    private ModelProbe() {}

    /** {@code count} probe images of the given size, the same ones on every call. */
    static List<GrayImage> images(int width, int height, int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<GrayImage> probes = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            float[] pixels = new float[width * height];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            probes.add(new GrayImage(width, height, pixels));
        }
        return probes;
    }

    /** One 28 x 28 probe image. */
    static GrayImage image() {
        return images(SIDE, SIDE, 1).get(0);
    }
}
