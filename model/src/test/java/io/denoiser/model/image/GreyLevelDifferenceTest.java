package io.denoiser.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GreyLevelDifferenceTest {

    @Test
    void shouldSeeNoDifferenceBetweenFloatsThatRoundToTheSameLevels() {
        GrayImage a = new GrayImage(2, 1, new float[] {0.2f, 0.6f});
        GrayImage b = new GrayImage(2, 1, new float[] {0.2f + 1e-5f, 0.6f - 1e-5f});

        assertThat(GreyLevelDifference.max(a, b)).isZero();
    }

    @Test
    void shouldCountOneLevelWhereATinyDifferenceCrossesARoundingBoundary() {
        float boundary = 127.5f / 255f;
        GrayImage below = new GrayImage(1, 1, new float[] {boundary - 1e-6f});
        GrayImage above = new GrayImage(1, 1, new float[] {boundary + 1e-6f});

        assertThat(GreyLevelDifference.max(below, above)).isEqualTo(1);
    }

    @Test
    void shouldReportTheLargestDifferenceOverAllImagesAndPixels() {
        GrayImage black = GrayImage.fromBytes(2, 1, new byte[] {0, 0});
        GrayImage grey = GrayImage.fromBytes(2, 1, new byte[] {0, 40});

        assertThat(GreyLevelDifference.max(List.of(black, black), List.of(black, grey)))
                .isEqualTo(40);
    }

    @Test
    void shouldRefuseImagesOfDifferentShapesOrCounts() {
        GrayImage small = GrayImage.fromBytes(1, 1, new byte[] {0});
        GrayImage wide = GrayImage.fromBytes(2, 1, new byte[] {0, 0});

        assertThatThrownBy(() -> GreyLevelDifference.max(small, wide)).hasMessageContaining("1x1 image with a 2x1");
        assertThatThrownBy(() -> GreyLevelDifference.max(List.of(small), List.of()))
                .hasMessageContaining("1 images with 0");
    }
}
