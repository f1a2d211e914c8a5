package io.denoiser.stream.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Splits a flushed batch into model calls of at most {@code max.batch.pixels} pixels each, keeping arrival order:
 * a call ends where the next image would take it over the bound, and an image larger than the bound by itself
 * gets a call of its own (it was admitted by the image limits, which bound single images). Why: a model call's
 * working memory grows with its pixels, not with its image count. Stateless.
 */
final class PixelBudget {

    private PixelBudget() {}

    /**
     * The images in consecutive calls, in arrival order.
     *
     * @param pixels    the pixels of an image
     * @param maxPixels the bound of one call, at least 1
     */
    static <T> List<List<T>> split(List<T> images, ToLongFunction<T> pixels, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
        }
        List<List<T>> calls = new ArrayList<>();
        List<T> call = new ArrayList<>();
        long callPixels = 0;
        for (T image : images) {
            long size = pixels.applyAsLong(image);
            if (!call.isEmpty() && size > maxPixels - callPixels) {
                calls.add(call);
                call = new ArrayList<>();
                callPixels = 0;
            }
            call.add(image);
            callPixels += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }
}
