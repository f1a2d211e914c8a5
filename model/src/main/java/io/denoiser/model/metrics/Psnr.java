package io.denoiser.model.metrics;

import io.denoiser.model.image.GrayImage;

/**
 * Peak signal-to-noise ratio of one image against its reference, pixels in [0, 1]:
 * {@code 10·log10(1 / MSE)}. Identical images score {@link #CEILING_DB} rather than infinity so that
 * means over many images stay finite.
 */
public final class Psnr {

    public static final double CEILING_DB = 100.0;

    private Psnr() {}

    public static double of(GrayImage image, GrayImage reference) {
        requireSameShape(image, reference);
        float[] a = image.pixels();
        float[] b = reference.pixels();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? CEILING_DB : Math.min(CEILING_DB, 10 * Math.log10(1 / mse));
    }

    static void requireSameShape(GrayImage image, GrayImage reference) {
        if (!image.sameShapeAs(reference)) {
            throw new IllegalArgumentException("cannot compare a " + image.width() + "x" + image.height()
                    + " image with a " + reference.width() + "x" + reference.height() + " reference");
        }
    }
}
