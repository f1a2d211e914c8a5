package io.denoiser.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.model.TestImages;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void psnrShouldBeTwentyDecibelsForAMeanSquaredErrorOfOneHundredth() {
        GrayImage reference = TestImages.constant(10, 10, 0.5f);
        GrayImage off = TestImages.constant(10, 10, 0.6f);

        assertThat(Psnr.of(off, reference)).isCloseTo(20.0, within(1e-4));
    }

    @Test
    void psnrOfIdenticalImagesShouldBeTheCeilingNotInfinity() {
        GrayImage image = TestImages.random(8, 8, 1);

        assertThat(Psnr.of(image, image)).isEqualTo(Psnr.CEILING_DB);
    }

    @Test
    void ssimShouldBeOneForIdenticalImagesAndFallWithNoise() {
        GrayImage clean = TestImages.square(28, 28);
        GrayImage slightly = new GrayImage(
                28, 28, new NoiseSpec(NoiseSpec.Kind.GAUSSIAN, 0.05).apply(clean.pixels(), new SplittableRandom(1)));
        GrayImage heavily = new GrayImage(28, 28, NoiseSpec.DEFAULT.apply(clean.pixels(), new SplittableRandom(1)));

        assertThat(Ssim.of(clean, clean)).isCloseTo(1.0, within(1e-9));
        assertThat(Ssim.of(slightly, clean)).isLessThan(1.0).isGreaterThan(Ssim.of(heavily, clean));
        assertThat(Ssim.of(heavily, clean)).isCloseTo(Ssim.of(clean, heavily), within(1e-12));
    }

    @Test
    void ssimShouldMatchScikitImageOnKnownPairs() {
        // values printed by scikit-image 0.19.3: structural_similarity(a, b, data_range=1)
        assertThat(Ssim.of(ramp(8, 1, 63), ramp(8, 1, 0))).isCloseTo(0.12646904162815717, within(1e-6));
        assertThat(Ssim.of(ramp(10, 1, 99), ramp(10, 7, 0))).isCloseTo(0.0255335072446064, within(1e-6));
    }

    /** side x side pixels; pixel i is i/divisor, or ((i * step) % side) / (side - 1) when divisor is 0. */
    private static GrayImage ramp(int side, int step, int divisor) {
        float[] pixels = new float[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] =
                    divisor > 0 ? (float) (i / (double) divisor) : (float) (((i * step) % side) / (double) (side - 1));
        }
        return new GrayImage(side, side, pixels);
    }

    @Test
    void bceShouldMatchTheClosedForm() {
        GrayImage prediction = new GrayImage(2, 1, new float[] {0.8f, 0.3f});
        GrayImage target = new GrayImage(2, 1, new float[] {1f, 0f});

        double expected = -(Math.log(0.8f) + Math.log(1 - 0.3f)) / 2;
        assertThat(BinaryCrossEntropy.of(prediction, target)).isCloseTo(expected, within(1e-7));
    }

    @Test
    void shouldRefuseToCompareImagesOfDifferentSizes() {
        assertThatThrownBy(() -> Psnr.of(TestImages.random(8, 8, 1), TestImages.random(8, 9, 1)))
                .hasMessage("cannot compare a 8x8 image with a 8x9 reference");
    }

    @Test
    void summaryShouldAverageOverImages() {
        GrayImage reference = TestImages.constant(10, 10, 0.5f);
        List<GrayImage> outputs = List.of(TestImages.constant(10, 10, 0.6f), TestImages.constant(10, 10, 0.51f));

        QualitySummary summary = QualitySummary.of(outputs, List.of(reference, reference));

        assertThat(summary.images()).isEqualTo(2);
        assertThat(summary.psnr()).isCloseTo((20.0 + 40.0) / 2, within(1e-3));
    }
}
