package io.denoiser.model.noise;

import java.util.SplittableRandom;

/** Standard normal samples from a {@link SplittableRandom} (Marsaglia's polar method, no caching). */
final class Gaussian {

    private Gaussian() {}

    static double next(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
