package io.denoiser.trainer.evaluation;

import io.denoiser.model.image.GrayImage;
import java.util.List;

/** Separable Gaussian blur with a kernel radius of 3 sigma, edges repeated. A baseline. */
public final class GaussianBlur {

    /** Candidate sigmas; {@code evaluate} reports the one with the best PSNR on the data at hand. */
    public static final List<Double> SIGMAS = List.of(0.5, 0.75, 1.0, 1.25, 1.5, 2.0);

    private final float[] kernel;
    private final int radius;
    private final double sigma;

    public GaussianBlur(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        this.sigma = sigma;
        this.radius = Math.max(1, (int) Math.ceil(3 * sigma));
        this.kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
    }

    public double sigma() {
        return sigma;
    }

    public GrayImage apply(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] horizontal = new float[w * h];
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * image.pixel(Math.min(w - 1, Math.max(0, x + k)), y);
                }
                horizontal[y * w + x] = sum;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    sum += kernel[k + radius] * horizontal[Math.min(h - 1, Math.max(0, y + k)) * w + x];
                }
                out[y * w + x] = sum;
            }
        }
        return new GrayImage(w, h, out);
    }
}
