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
    void shouldRoundEveryFloatOfTheGreyRangeAsMathRoundDoes() {
        // all 1.1 billion floats in [0, 255] would take too long: every 997th of them, plus every one in the
        // neighbourhood of each half-way point, where a rounding shortcut would differ
        for (int bits = 0; bits <= Float.floatToIntBits(255f); bits += 997) {
            assertNearestLevelIsMathRound(Float.intBitsToFloat(bits));
        }
        for (int level = 0; level < 256; level++) {
            int half = Float.floatToIntBits(level + 0.5f);
            for (int bits = half - 1_000; bits <= half + 1_000; bits++) {
                assertNearestLevelIsMathRound(Float.intBitsToFloat(bits));
            }
        }
        assertNearestLevelIsMathRound(Float.NaN);
    }

    private static void assertNearestLevelIsMathRound(float scaled) {
        if (GrayImage.nearestLevel(scaled) != Math.round(scaled)) {
            throw new AssertionError(scaled + " rounds to " + GrayImage.nearestLevel(scaled) + ", Math.round says "
                    + Math.round(scaled));
        }
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
