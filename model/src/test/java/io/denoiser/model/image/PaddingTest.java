package io.denoiser.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.TestImages;
import org.junit.jupiter.api.Test;

class PaddingTest {

    @Test
    void shouldRoundSidesUpToTheMultiple() {
        assertThat(Padding.roundUp(28, 4)).isEqualTo(28);
        assertThat(Padding.roundUp(29, 4)).isEqualTo(32);
        assertThat(Padding.roundUp(1, 4)).isEqualTo(4);
    }

    @Test
    void shouldPadWithZerosOnTheRightAndBottomAndCropBackToTheOriginal() {
        GrayImage image = TestImages.random(30, 21, 7);

        GrayImage padded = Padding.padToMultiple(image, 4);

        assertThat(padded.width()).isEqualTo(32);
        assertThat(padded.height()).isEqualTo(24);
        assertThat(padded.pixel(29, 20)).isEqualTo(image.pixel(29, 20));
        assertThat(padded.pixel(31, 23)).isZero();
        assertThat(padded.pixel(30, 0)).isZero();
        assertThat(Padding.crop(padded, 30, 21)).isEqualTo(image);
    }

    @Test
    void shouldReturnTheSameImageWhenNoPaddingIsNeeded() {
        GrayImage image = TestImages.random(28, 28, 1);

        assertThat(Padding.padToMultiple(image, 4)).isSameAs(image);
    }
}
