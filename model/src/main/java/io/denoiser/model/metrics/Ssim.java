package io.denoiser.model.metrics;

import io.denoiser.model.image.GrayImage;

/**
 * Structural similarity of one image against its reference, computed as scikit-image's
 * {@code structural_similarity} does by default: 7x7 uniform windows, sample covariances,
 * K1 = 0.01, K2 = 0.03, data range 1, averaged over the windows that fit inside the image.
 */
public final class Ssim {

    static final int WINDOW = 7;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private Ssim() {}

    public static double of(GrayImage image, GrayImage reference) {
        Psnr.requireSameShape(image, reference);
        int width = image.width();
        int height = image.height();
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got " + width + "x" + height);
        }
        float[] x = image.pixels();
        float[] y = reference.pixels();
        double n = WINDOW * WINDOW;
        double covarianceNorm = n / (n - 1);
        double total = 0;
        int windows = 0;
        for (int top = 0; top + WINDOW <= height; top++) {
            for (int left = 0; left + WINDOW <= width; left++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int r = top; r < top + WINDOW; r++) {
                    int row = r * width;
                    for (int c = left; c < left + WINDOW; c++) {
                        double a = x[row + c];
                        double b = y[row + c];
                        sx += a;
                        sy += b;
                        sxx += a * a;
                        syy += b * b;
                        sxy += a * b;
                    }
                }
                double mx = sx / n;
                double my = sy / n;
                double vx = covarianceNorm * (sxx / n - mx * mx);
                double vy = covarianceNorm * (syy / n - my * my);
                double cxy = covarianceNorm * (sxy / n - mx * my);
                total += ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                windows++;
            }
        }
        return total / windows;
    }
}
