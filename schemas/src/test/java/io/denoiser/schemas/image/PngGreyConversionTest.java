package io.denoiser.schemas.image;

import static io.denoiser.schemas.fixtures.TestData.base64;
import static io.denoiser.schemas.fixtures.TestData.png;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

/** Any PNG becomes 8-bit grey levels; these are the colour types and bit depths PNG files come in. */
class PngGreyConversionTest {

    private static DecodedImage decode(BufferedImage image) {
        return ImageDecoder.decode(ImageEncoding.PNG, base64(png(image)), image.getWidth(), image.getHeight(), "data");
    }

    private static int luma(int red, int green, int blue) {
        return (int) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
    }

    @Test
    void shouldKeepEveryEightBitGreyLevelExactly() {
        BufferedImage grey = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int level = 0; level < 256; level++) {
            grey.getRaster().setSample(level, 0, 0, level);
        }

        DecodedImage decoded = decode(grey);

        for (int level = 0; level < 256; level++) {
            assertThat(decoded.grey(level, 0)).as("grey level %d", level).isEqualTo(level);
        }
    }

    @Test
    void shouldScaleSixteenBitGreyToEightBits() {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] levels = {0, 128, 255};
        for (int x = 0; x < levels.length; x++) {
            grey.getRaster().setSample(x, 0, 0, levels[x] * 257);
        }

        DecodedImage decoded = decode(grey);

        for (int x = 0; x < levels.length; x++) {
            assertThat(decoded.grey(x, 0)).isEqualTo(levels[x]);
        }
    }

    @Test
    void shouldTurnRgbPixelsIntoTheirLuma() {
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {90, 90, 90}, {200, 120, 40}};
        BufferedImage rgb = new BufferedImage(colours.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < colours.length; x++) {
            rgb.setRGB(x, 0, colours[x][0] << 16 | colours[x][1] << 8 | colours[x][2]);
        }

        DecodedImage decoded = decode(rgb);

        for (int x = 0; x < colours.length; x++) {
            assertThat(decoded.grey(x, 0)).isEqualTo(luma(colours[x][0], colours[x][1], colours[x][2]));
        }
    }

    @Test
    void shouldIgnoreAlpha() {
        BufferedImage transparent = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(0, 0, 0x00_40_40_40);

        assertThat(decode(transparent).grey(0, 0)).isEqualTo(0x40);
    }

    @Test
    void shouldLookUpPaletteColours() {
        byte[] reds = {0, (byte) 255, 10};
        byte[] greens = {0, (byte) 255, (byte) 200};
        byte[] blues = {0, (byte) 255, 30};
        IndexColorModel palette = new IndexColorModel(2, 3, reds, greens, blues);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int x = 0; x < 3; x++) {
            indexed.getRaster().setSample(x, 0, 0, x);
        }

        DecodedImage decoded = decode(indexed);

        for (int x = 0; x < 3; x++) {
            assertThat(decoded.grey(x, 0)).isEqualTo(luma(reds[x] & 0xFF, greens[x] & 0xFF, blues[x] & 0xFF));
        }
    }
}
