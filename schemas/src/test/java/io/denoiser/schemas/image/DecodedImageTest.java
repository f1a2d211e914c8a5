package io.denoiser.schemas.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodedImageTest {

    @Test
    void shouldRejectPixelsThatDoNotFillTheSize() {
        assertThatThrownBy(() -> new DecodedImage(2, 2, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x2");
    }

    @Test
    void shouldRejectEmptySize() {
        assertThatThrownBy(() -> new DecodedImage(0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadGreyLevelsRowMajorAsUnsignedBytes() {
        DecodedImage image = new DecodedImage(2, 2, new byte[] {0, 1, 2, (byte) 255});

        assertThat(image.grey(1, 0)).isEqualTo(1);
        assertThat(image.grey(0, 1)).isEqualTo(2);
        assertThat(image.grey(1, 1)).isEqualTo(255);
    }

    @Test
    void shouldEqualAnotherImageWithTheSamePixels() {
        DecodedImage image = new DecodedImage(2, 1, new byte[] {7, 9});
        DecodedImage same = new DecodedImage(2, 1, new byte[] {7, 9});
        DecodedImage transposed = new DecodedImage(1, 2, new byte[] {7, 9});

        assertThat(image).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(transposed);
    }
}
