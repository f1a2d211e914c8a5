package io.denoiser.trainer.evaluation;

import io.denoiser.model.data.ImageSet;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Clean images with one fixed noisy copy each: the same noise for every epoch and every command
 * given the same seed, so figures are comparable across runs.
 */
public record NoisyPairs(List<GrayImage> clean, List<GrayImage> noisy, NoiseSpec noise, long seed) {

    /** The seed {@code evaluate} and validation use unless told otherwise. */
    public static final long DEFAULT_SEED = 20_260_101L;

    public static NoisyPairs of(ImageSet images, NoiseSpec noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GrayImage> clean = images.images();
        List<GrayImage> noisy = new ArrayList<>(clean.size());
        for (GrayImage image : clean) {
            noisy.add(new GrayImage(image.width(), image.height(), noise.apply(image.pixels(), random)));
        }
        return new NoisyPairs(List.copyOf(clean), List.copyOf(noisy), noise, seed);
    }

    public int size() {
        return clean.size();
    }
}
