package io.denoiser.trainer.evaluation;

import io.denoiser.model.image.GrayImage;
import java.util.Arrays;

/** The classic 3x3 median filter, edges handled by repeating the border pixels. A baseline. */
public final class MedianFilter {

    private MedianFilter() {}

    public static GrayImage apply(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] out = new float[w * h];
        float[] window = new float[9];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        window[n++] = image.pixel(clamp(x + dx, w), clamp(y + dy, h));
                    }
                }
                Arrays.sort(window);
                out[y * w + x] = window[4];
            }
        }
        return new GrayImage(w, h, out);
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : Math.min(i, size - 1);
    }
}
