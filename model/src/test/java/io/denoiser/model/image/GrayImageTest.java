package io.denoiser.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GrayImageTest {

    @Test
    void shouldScaleGreyLevelsIntoUnitRangeAndBackExactly() {
        byte[] levels = {0, 1, (byte) 127, (byte) 128, (byte) 254, (byte) 255};

        GrayImage image = GrayImage.fromBytes(3, 2, levels);

        assertThat(image.pixels()[0]).isEqualTo(0f);
        assertThat(image.pixels()[5]).isEqualTo(1f);
        assertThat(image.toBytes()).containsExactly(levels);
    }

    @Test
    void shouldClipOutOfRangePixelsWhenConvertingToBytes() {
        GrayImage image = new GrayImage(2, 1, new float[] {-0.5f, 1.5f});

        assertThat(image.toBytes()).containsExactly(0, (byte) 255);
    }

    @Test
    void shouldRejectPixelCountThatDoesNotMatchSize() {
        assertThatThrownBy(() -> new GrayImage(4, 4, new float[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 16 pixels for a 4x4 image, got 15");
    }

    @Test
    void shouldRejectNonPositiveSize() {
        assertThatThrownBy(() -> new GrayImage(0, 4, new float[0])).hasMessage("image size must be positive, got 0x4");
    }
}
