package io.denoiser.model.metrics;

import io.denoiser.model.image.GrayImage;

/**
 * Mean per-pixel binary cross-entropy of a prediction against a target in [0, 1], with predictions
 * clipped to [1e-7, 1 - 1e-7] as Keras does: the training loss, comparable with Keras' figures.
 */
public final class BinaryCrossEntropy {

    private static final double EPSILON = 1e-7;

    private BinaryCrossEntropy() {}

    public static double of(GrayImage prediction, GrayImage target) {
        Psnr.requireSameShape(prediction, target);
        float[] p = prediction.pixels();
        float[] t = target.pixels();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - EPSILON, Math.max(EPSILON, p[i]));
            sum -= t[i] * Math.log(q) + (1 - t[i]) * Math.log(1 - q);
        }
        return sum / p.length;
    }
}
