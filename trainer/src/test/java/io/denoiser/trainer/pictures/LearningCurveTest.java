package io.denoiser.trainer.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.artifact.EpochMetrics;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    @Test
    void shouldDrawBothCurvesInTheirColours() {
        List<EpochMetrics> history = List.of(
                new EpochMetrics(1, 0.12, 0.11, 17.9, 0.80, 30.0),
                new EpochMetrics(2, 0.10, 0.10, 18.6, 0.82, 30.0),
                new EpochMetrics(3, 0.09, 0.095, 19.2, 0.85, 30.0));

        BufferedImage picture = LearningCurve.render(history);

        assertThat(picture.getWidth()).isEqualTo(720);
        assertThat(picture.getHeight()).isEqualTo(520);
        assertThat(countPixels(picture, 0xC0392B)).as("the BCE curve, red").isGreaterThan(100);
        assertThat(countPixels(picture, 0x2471A3)).as("the PSNR curve, blue").isGreaterThan(100);
    }

    @Test
    void shouldRefuseAnEmptyHistory() {
        assertThatThrownBy(() -> LearningCurve.render(List.of())).hasMessageContaining("at least one epoch");
    }

    private static long countPixels(BufferedImage picture, int rgb) {
        long count = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if ((picture.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
