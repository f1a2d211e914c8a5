package io.denoiser.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.Psnr;
import io.denoiser.model.noise.NoiseSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void medianFilterShouldRemoveAnIsolatedSaltPixel() {
        float[] pixels = new float[25];
        pixels[12] = 1f;

        GrayImage filtered = MedianFilter.apply(new GrayImage(5, 5, pixels));

        assertThat(filtered.pixels()).containsOnly(0f);
    }

    @Test
    void blurShouldKeepAConstantImageConstant() {
        float[] pixels = new float[100];
        Arrays.fill(pixels, 0.3f);

        GrayImage blurred = new GaussianBlur(1.0).apply(new GrayImage(10, 10, pixels));

        for (float v : blurred.pixels()) {
            assertThat(v).isCloseTo(0.3f, within(1e-6f));
        }
    }

    @Test
    void bothBaselinesShouldImproveOnNoisyInputOfAFlatImage() {
        float[] flat = new float[32 * 32];
        Arrays.fill(flat, 0.5f);
        GrayImage clean = new GrayImage(32, 32, flat);
        GrayImage noisy =
                new GrayImage(32, 32, new NoiseSpec(NoiseSpec.Kind.GAUSSIAN, 0.2).apply(flat, new SplittableRandom(3)));

        double noisyPsnr = Psnr.of(noisy, clean);

        assertThat(Psnr.of(MedianFilter.apply(noisy), clean)).isGreaterThan(noisyPsnr + 3);
        assertThat(Psnr.of(new GaussianBlur(1.5).apply(noisy), clean)).isGreaterThan(noisyPsnr + 6);
    }
}
