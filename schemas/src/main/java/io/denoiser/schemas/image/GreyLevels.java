package io.denoiser.schemas.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts any decoded PNG (grey, grey with alpha, RGB, RGBA, palette; 1 to 16 bits) to 8-bit grey levels.
 * Alpha is ignored.
 */
final class GreyLevels {

    private GreyLevels() {}

    static byte[] of(BufferedImage image) {
        return isGreyScale(image.getColorModel()) ? fromGreyBand(image.getRaster()) : fromRgb(image);
    }

    private static boolean isGreyScale(ColorModel model) {
        return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel);
    }

    /**
     * Reads the grey samples directly: Java's grey colour space is linear, so going through
     * {@code getRGB} would apply a gamma curve and change every mid-grey level.
     */
    private static byte[] fromGreyBand(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int maxSample = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, 0, (int[]) null);
        byte[] levels = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            levels[i] = (byte) (maxSample == 255 ? samples[i] : Math.round(samples[i] * 255.0 / maxSample));
        }
        return levels;
    }

    /** ITU-R BT.601 luma of the sRGB values, rounded; exact for pixels that are already grey. */
    private static byte[] fromRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] levels = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int red = (argb[i] >> 16) & 0xFF;
            int green = (argb[i] >> 8) & 0xFF;
            int blue = argb[i] & 0xFF;
            levels[i] = (byte) ((299 * red + 587 * green + 114 * blue + 500) / 1000);
        }
        return levels;
    }
}
